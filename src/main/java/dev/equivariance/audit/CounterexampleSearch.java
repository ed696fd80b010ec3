package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.search.ElementProjection;
import dev.equivariance.search.HostArray;
import dev.equivariance.search.InputShrinker;
import dev.equivariance.search.Shrinker;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the failures of an audit into the smallest counterexample: starts from the failing pair with the simplest
 * element, shrinks the element the group's way, then the input (fewer points, one batch row, simpler values), and
 * repeats until nothing simpler fails or the budget of model evaluations is spent. Finally replays the result twice;
 * if it does not fail again, the model is reported as nondeterministic instead.
 */
final class CounterexampleSearch {

    private final AuditSpec spec;
    private final AuditedModel model;
    private final ShapeContext.Cache contexts;
    private final Tolerance tolerance;

    CounterexampleSearch(AuditSpec spec, AuditedModel model, ShapeContext.Cache contexts, Tolerance tolerance) {
        this.spec = spec;
        this.model = model;
        this.contexts = contexts;
        this.tolerance = tolerance;
    }

    /**
     * The counterexample must witness the verdict: it starts from a pair at the worst level seen (broken when the
     * audit fails) and shrinks only to elements and inputs that stay at that level. Shrinking to anything above the
     * pass threshold would drive a continuous group toward the identity until the error barely exceeds it: a FAIL
     * reported with a counterexample whose own error is merely approximate.
     */
    Optional<Counterexample> find(List<Audit.Sample> samples, PairError[][] errors, List<Issue> issues) {
        Level worst = Level.EXACT;
        for (PairError[] row : errors) {
            for (PairError e : row) {
                Level level = tolerance.classify(e.relative());
                if (level.compareTo(worst) > 0) {
                    worst = level;
                }
            }
        }
        Level target = worst;
        java.util.function.DoublePredicate witnesses = e -> !tolerance.passes(e)
                && tolerance.classify(e).compareTo(target) >= 0;
        int bestI = -1;
        int bestJ = -1;
        double bestComplexity = Double.MAX_VALUE;
        for (int i = 0; i < errors.length; i++) {
            ShapeContext ctx = samples.get(i).context();
            for (int j = 0; j < errors[i].length; j++) {
                double rel = errors[i][j].relative();
                if (!witnesses.test(rel)) {
                    continue;
                }
                double c = Shrinker.complexity(ctx.group, ctx.elements.get(j).element());
                if (c < bestComplexity || c == bestComplexity && rel > errors[bestI][bestJ].relative()) {
                    bestComplexity = c;
                    bestI = i;
                    bestJ = j;
                }
            }
        }
        if (bestI < 0) {
            return Optional.empty();
        }
        Audit.Sample start = samples.get(bestI);
        ShapeContext ctx = start.context();
        GroupElement g = ctx.elements.get(bestJ).element();
        double error = errors[bestI][bestJ].relative();
        List<HostArray> input = start.input();
        Map<String, Integer> sizes = new HashMap<>(start.sizes());
        List<String> changes = new ArrayList<>();
        int steps = 0;
        int startCalls = contexts.forwardCalls();
        int budget = spec.shrinkBudget();
        boolean progress = true;
        while (progress && contexts.forwardCalls() - startCalls < budget) {
            progress = false;
            int remaining = budget - (contexts.forwardCalls() - startCalls);
            try (TensorScope scope = model.backend().openScope()) {
                Evaluator.Prepared p = ctx.evaluator.prepare(start.index(), input);
                ShapeContext c = ctx;
                Shrinker.Result shrunk = new Shrinker(ctx.group, remaining).shrink(g, error,
                        e -> c.evaluator.evaluate(p, List.of(e))[0].relative(), witnesses);
                if (shrunk.steps() > 0) {
                    g = shrunk.element();
                    error = shrunk.error();
                    steps += shrunk.steps();
                }
            }
            for (InputShrinker.Candidate cand : InputShrinker.candidates(input, symbols(), sizes, minimums(),
                    batchShrinkable(ctx))) {
                if (contexts.forwardCalls() - startCalls >= budget) {
                    break;
                }
                ShapeContext cc;
                try {
                    cc = contexts.get(cand.input().stream().map(HostArray::shape).toList());
                } catch (AuditException e) {
                    continue;
                }
                Optional<GroupElement> projected = ElementProjection.project(g, cc.group);
                if (projected.isEmpty()) {
                    continue;
                }
                double e;
                try {
                    e = evaluate(cc, start.index(), cand.input(), projected.get());
                } catch (AuditException rejected) {
                    // the model has no finite output on this simpler input (e.g. it normalises vectors that are now
                    // zero): not a counterexample, so keep the current input and try the next candidate
                    continue;
                }
                if (witnesses.test(e)) {
                    input = cand.input();
                    sizes = new HashMap<>(cand.sizes());
                    ctx = cc;
                    g = projected.get();
                    error = e;
                    changes.add(cand.change());
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        double replay1 = evaluate(ctx, start.index(), input, g);
        double replay2 = evaluate(ctx, start.index(), input, g);
        int evaluations = contexts.forwardCalls() - startCalls;
        if ((tolerance.passes(replay1) || tolerance.passes(replay2)) && !deterministic(ctx, start.index(), input)) {
            issues.add(new Issue(IssueKind.NONDETERMINISTIC_MODEL,
                    "The smallest failing transformation does not fail again when replayed: the model's output changes "
                            + "from call to call, so this failure is not evidence of a symmetry bug.", "whole model",
                    Issue.Severity.ERROR,
                    "Put the model in eval mode (dropout off), fix random seeds inside the model, and avoid "
                            + "nondeterministic kernels.",
                    String.format(Locale.ROOT, "g = %s: error %.3g while shrinking, %.3g and %.3g on replay", g, error,
                            replay1, replay2)));
            return Optional.empty();
        }
        if (tolerance.passes(replay1) || tolerance.passes(replay2)) {
            // the same input gives the same output twice: the failure depended on what else ran in its forward
            // pass (rows of a batch that interact); diagnosis names that cause, a counterexample would mislead
            return Optional.empty();
        }
        return Optional.of(new Counterexample(ctx.elements.isEmpty() ? "" : start.context().elements.get(bestJ)
                .element().toString(), errors[bestI][bestJ].relative(), g.toString(), error, start.index(),
                Evaluator.shapes(start.input()), Evaluator.shapes(input), changes, values(input), steps, evaluations));
    }

    /** The values of a small input, row-major per input, e.g. {@code [1, 0, -2, ...]}; empty for large inputs. */
    private static String values(List<HostArray> input) {
        if (input.stream().mapToInt(h -> h.data().length).sum() > 64) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (HostArray h : input) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < h.data().length; i++) {
                double v = h.data()[i];
                sb.append(i > 0 ? ", " : "").append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                        : String.format(Locale.ROOT, "%.4g", v));
            }
            parts.add(sb.append(']').toString());
        }
        return String.join(" ", parts);
    }

    /** Whether the very same input gives the same output on two calls. */
    private boolean deterministic(ShapeContext ctx, int index, List<HostArray> input) {
        try (TensorScope scope = model.backend().openScope()) {
            Evaluator.Prepared p = ctx.evaluator.prepare(index, input);
            return tolerance.passes(ctx.evaluator.determinismGap(p));
        }
    }

    private double evaluate(ShapeContext ctx, int index, List<HostArray> input, GroupElement g) {
        try (TensorScope scope = model.backend().openScope()) {
            Evaluator.Prepared p = ctx.evaluator.prepare(index, input);
            return ctx.evaluator.evaluate(p, List.of(g))[0].relative();
        }
    }

    private List<String[]> symbols() {
        return spec.inputs().stream().map(InputSpec::symbols).toList();
    }

    private Map<String, Integer> minimums() {
        Map<String, Integer> m = new HashMap<>();
        spec.sizes().forEach((k, v) -> m.put(k, v[0]));
        return m;
    }

    /** Only a batch of independent samples may be cut to one row: a graph's nodes are never run alone. */
    private static boolean batchShrinkable(ShapeContext ctx) {
        BatchFinding finding = ctx.evaluator.batchFinding();
        return finding != null && finding.rowsIndependent();
    }
}
