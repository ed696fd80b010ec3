package dev.equivariance.search;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Group-aware shrinking of a failing element: repeatedly replaces it with the first simpler candidate (as the group
 * orders them) that still fails, until no candidate fails or the evaluation budget is spent.
 */
public final class Shrinker {

    /** The outcome: the simplest failing element found, its error, and the cost. */
    public record Result(GroupElement element, double error, int steps, int evaluations) {
    }

    private final Group<?> group;
    private final int budget;

    public Shrinker(Group<?> group, int budget) {
        this.group = group;
        this.budget = budget;
    }

    /**
     * Shrinks {@code start}, which fails with error {@code startError}.
     *
     * @param error the error of an element (e.g. max relative error over the counterexample input)
     * @param fails whether an error counts as a failure
     */
    public Result shrink(GroupElement start, double startError, ToDoubleFunction<GroupElement> error,
                         java.util.function.DoublePredicate fails) {
        GroupElement current = start;
        double currentError = startError;
        int steps = 0;
        int evaluations = 0;
        boolean improved = true;
        while (improved && evaluations < budget) {
            improved = false;
            for (GroupElement candidate : simpler(group, current)) {
                if (evaluations >= budget) {
                    break;
                }
                double e = error.applyAsDouble(candidate);
                evaluations++;
                if (fails.test(e)) {
                    current = candidate;
                    currentError = e;
                    steps++;
                    improved = true;
                    break;
                }
            }
        }
        return new Result(current, currentError, steps, evaluations);
    }

    @SuppressWarnings("unchecked")
    private static <E extends GroupElement> List<? extends GroupElement> simpler(Group<E> group, GroupElement e) {
        return group.simplerThan((E) e);
    }

    /** The group's complexity of an element. */
    @SuppressWarnings("unchecked")
    public static <E extends GroupElement> double complexity(Group<E> group, GroupElement e) {
        return group.complexity((E) e);
    }
}
