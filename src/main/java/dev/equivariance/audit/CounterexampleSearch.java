package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.search.CaseShrinker;
import dev.equivariance.search.HostArray;
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
        GroupElement first = start.context().elements.get(bestJ).element();
        CaseShrinker.Result result = new CaseShrinker(new AuditJudge(start.index(), witnesses), symbols(), minimums(),
                spec.shrinkBudget()).shrink(new CaseShrinker.Case(first, start.input(), start.sizes(),
                errors[bestI][bestJ].relative()));
        CaseShrinker.Case smallest = result.smallest();
        GroupElement g = smallest.element();
        double error = smallest.error();
        List<HostArray> input = smallest.input();
        ShapeContext ctx = contexts.get(input.stream().map(HostArray::shape).toList());
        List<String> changes = result.changes();
        int steps = result.steps();
        int startCalls = contexts.forwardCalls() - result.evaluations();
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

    /** Evaluates cases on the audit's own evaluators: an element's error is its pair's relative error. */
    private final class AuditJudge implements CaseShrinker.Judge {
        private final int index;
        private final java.util.function.DoublePredicate witnesses;

        AuditJudge(int index, java.util.function.DoublePredicate witnesses) {
            this.index = index;
            this.witnesses = witnesses;
        }

        private Optional<ShapeContext> context(List<HostArray> input) {
            try {
                return Optional.of(contexts.get(input.stream().map(HostArray::shape).toList()));
            } catch (AuditException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<dev.equivariance.group.Group<?>> group(List<HostArray> input) {
            return context(input).map(c -> c.group);
        }

        @Override
        public CaseShrinker.Trial on(List<HostArray> input) {
            ShapeContext ctx = context(input).orElseThrow();
            TensorScope scope = model.backend().openScope();
            Evaluator.Prepared prepared;
            try {
                prepared = ctx.evaluator.prepare(index, input);
            } catch (AuditException rejected) {
                // the model has no finite output on this input (e.g. it normalises vectors that are now zero): no
                // element witnesses anything here
                scope.close();
                return rejectedTrial();
            } catch (RuntimeException | Error e) {
                scope.close();
                throw e;
            }
            return new CaseShrinker.Trial() {
                @Override
                public double error(GroupElement element) {
                    try {
                        return ctx.evaluator.evaluate(prepared, List.of(element))[0].relative();
                    } catch (AuditException rejected) {
                        return Double.NaN;
                    }
                }

                @Override
                public void close() {
                    scope.close();
                }
            };
        }

        @Override
        public boolean witnesses(double error) {
            return witnesses.test(error);
        }

        @Override
        public boolean batchShrinkable(List<HostArray> input) {
            return context(input).map(CounterexampleSearch::batchShrinkable).orElse(false);
        }

        @Override
        public int evaluations() {
            return contexts.forwardCalls();
        }
    }

    private static CaseShrinker.Trial rejectedTrial() {
        return new CaseShrinker.Trial() {
            @Override
            public double error(GroupElement element) {
                return Double.NaN;
            }

            @Override
            public void close() {
            }
        };
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
