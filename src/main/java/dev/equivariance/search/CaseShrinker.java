package dev.equivariance.search;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one shrink loop of audits and user-written properties. From a failing case (an element on an input) it shrinks,
 * round after round, first the element the group's way ({@link Shrinker}), then the input ({@link InputShrinker}:
 * fewer points, one batch row, simpler values; the element projected into the smaller input's group), keeping only
 * cases that still witness the failure, until a round changes nothing or the budget of evaluations is spent. What
 * differs between an audit and a property (how a case is evaluated and what counts as still failing) is the
 * {@link Judge}.
 */
public final class CaseShrinker {

    /**
     * A case: an element on an input.
     *
     * @param sizes the values of the input's size symbols
     * @param error the case's error as the judge measures it
     */
    public record Case(GroupElement element, List<HostArray> input, Map<String, Integer> sizes, double error) {
    }

    /** The smallest failing case found, the input simplifications that led there, and the cost. */
    public record Result(Case smallest, List<String> changes, int steps, int evaluations) {
    }

    /** Evaluates elements on one input; closing it frees what it prepared. */
    public interface Trial extends AutoCloseable {

        /** The error of the element on this trial's input; NaN when the model rejects the input (never a witness). */
        double error(GroupElement element);

        @Override
        void close();
    }

    /** How an audit or a property evaluates and judges cases. */
    public interface Judge {

        /** The group acting on inputs like this one, or empty when such an input cannot be audited. */
        Optional<Group<?>> group(List<HostArray> input);

        /** A trial on {@code input}: elements are evaluated against it until it is closed. */
        Trial on(List<HostArray> input);

        /** Whether an error still witnesses the failure being shrunk. */
        boolean witnesses(double error);

        /** Whether the batch axis may be cut to one row (only for a batch of independent samples). */
        boolean batchShrinkable(List<HostArray> input);

        /** The evaluations made so far, counting toward the budget. */
        int evaluations();
    }

    private final Judge judge;
    private final List<String[]> symbols;
    private final Map<String, Integer> minimums;
    private final int budget;

    /**
     * @param symbols the size symbols of each input's axes
     * @param minimums the least value of each size symbol
     * @param budget the most evaluations the search may spend
     */
    public CaseShrinker(Judge judge, List<String[]> symbols, Map<String, Integer> minimums, int budget) {
        this.judge = judge;
        this.symbols = symbols;
        this.minimums = minimums;
        this.budget = budget;
    }

    /** Shrinks a failing case. */
    public Result shrink(Case start) {
        int startCalls = judge.evaluations();
        GroupElement g = start.element();
        double error = start.error();
        List<HostArray> input = start.input();
        Map<String, Integer> sizes = new HashMap<>(start.sizes());
        List<String> changes = new ArrayList<>();
        int steps = 0;
        boolean progress = true;
        while (progress && judge.evaluations() - startCalls < budget) {
            progress = false;
            Optional<Group<?>> group = judge.group(input);
            if (group.isPresent()) {
                int remaining = budget - (judge.evaluations() - startCalls);
                try (Trial trial = judge.on(input)) {
                    Shrinker.Result shrunk = new Shrinker(group.get(), remaining).shrink(g, error, trial::error,
                            this::witnesses);
                    if (shrunk.steps() > 0) {
                        g = shrunk.element();
                        error = shrunk.error();
                        steps += shrunk.steps();
                    }
                }
            }
            for (InputShrinker.Candidate cand : InputShrinker.candidates(input, symbols, sizes, minimums,
                    judge.batchShrinkable(input))) {
                if (judge.evaluations() - startCalls >= budget) {
                    break;
                }
                Optional<Group<?>> smaller = judge.group(cand.input());
                GroupElement current = g;
                Optional<GroupElement> projected = smaller.flatMap(s -> ElementProjection.project(current, s));
                if (projected.isEmpty()) {
                    continue;
                }
                double e;
                try (Trial trial = judge.on(cand.input())) {
                    e = trial.error(projected.get());
                }
                if (witnesses(e)) {
                    input = cand.input();
                    sizes = new HashMap<>(cand.sizes());
                    g = projected.get();
                    error = e;
                    changes.add(cand.change());
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        return new Result(new Case(g, input, sizes, error), changes, steps, judge.evaluations() - startCalls);
    }

    private boolean witnesses(double error) {
        return !Double.isNaN(error) && judge.witnesses(error);
    }
}
