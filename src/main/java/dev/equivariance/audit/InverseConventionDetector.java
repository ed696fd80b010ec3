package dev.equivariance.audit;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The inverse convention: when an audit fails, checks whether the model is equivariant with the output acted on by
 * rho(g^-1) where rho(g) is declared, for the whole output action or for one part of a composite one (the rotation
 * channels of p4 features, the vectors of a point cloud). Vectors acted on as {@code x R} instead of {@code x R^T},
 * or rotation channels stacked the other way round, are a mismatch of conventions between the declaration and the
 * model, not a broken model. (Inverting the input instead is the same test for the whole action: relabel g as
 * g^-1.)
 */
final class InverseConventionDetector {

    private InverseConventionDetector() {
    }

    /** One way of reading the outputs with the inverse convention. */
    private record Candidate(List<Action> outputs, String label) {
    }

    static Optional<Issue> examine(AuditSpec spec, AuditedModel model, ShapeContext ctx, List<HostArray> sample,
                                   List<GroupElement> probe, Tolerance tolerance) {
        List<Action> declared = spec.outputs();
        List<GroupElement> elements = probe.stream().filter(g -> !g.isIdentity()).toList();
        if (declared.isEmpty() || elements.isEmpty() || declared.stream().allMatch(Action::isTrivial)) {
            return Optional.empty();
        }
        double declaredError = worst(spec, model, ctx, sample, elements, declared);
        if (tolerance.passes(declaredError)) {
            return Optional.empty();
        }
        for (Candidate c : candidates(declared)) {
            double error = worst(spec, model, ctx, sample, elements, c.outputs());
            if (tolerance.passes(error)) {
                return Optional.of(new Issue(IssueKind.INVERSE_CONVENTION,
                        "The model is equivariant under the inverse convention: " + c.label() + " transforms by "
                                + "rho(g^-1) where rho(g) is declared. The declaration or the model uses the inverse "
                                + "convention (x R instead of x R^T for vectors, rotation channels or a shift in the "
                                + "opposite order), so this is a mismatch of conventions, not a broken symmetry.",
                        c.label(), Issue.Severity.ERROR,
                        "Make the declaration and the model agree: act with rho(g) as the auditor defines it (vectors "
                                + "x -> x R^T, regular(axis) moves channel r to r+1 under a quarter turn), or change "
                                + "the model's layout (e.g. turn group-convolution kernels by +r for output rotation "
                                + "r).",
                        String.format(Locale.ROOT, "max relative error %.3g with %s acted on by rho(g^-1), %.3g as "
                                + "declared, over %d elements", error, c.label(), declaredError, elements.size())));
            }
        }
        return Optional.empty();
    }

    /** Every output inverted; then, for composite outputs, one part at a time. */
    private static List<Candidate> candidates(List<Action> declared) {
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate(declared.stream().map(a -> a.isTrivial() ? a : (Action) new Inverse(a)).toList(),
                declared.size() == 1 ? "the output (" + declared.get(0).describe() + ")" : "every output"));
        for (int j = 0; j < declared.size(); j++) {
            List<Action> parts = declared.get(j).parts();
            if (parts.size() < 2) {
                continue;
            }
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).isTrivial()) {
                    continue;
                }
                Action[] changed = parts.toArray(new Action[0]);
                changed[i] = new Inverse(parts.get(i));
                List<Action> outputs = new ArrayList<>(declared);
                outputs.set(j, Actions.both(changed));
                out.add(new Candidate(outputs, parts.get(i).describe() + " of output #" + j));
            }
        }
        return out;
    }

    private static double worst(AuditSpec spec, AuditedModel model, ShapeContext ctx, List<HostArray> sample,
                                List<GroupElement> elements, List<Action> outputs) {
        Evaluator e = new Evaluator(model, ctx.group, ctx.inputActions, ctx.shapes, outputs, false, spec.maxBatch(),
                ctx.evaluator.batchKnowledge());
        double worst = 0;
        try (TensorScope scope = model.backend().openScope()) {
            Evaluator.Prepared p = e.prepare(0, sample);
            for (PairError pe : e.evaluate(p, elements)) {
                worst = Math.max(worst, Double.isNaN(pe.relative()) ? Double.POSITIVE_INFINITY : pe.relative());
            }
        } catch (AuditException ex) {
            return Double.POSITIVE_INFINITY;
        }
        return worst;
    }

    /** An action applied with the inverse element: {@code rho(g^-1)} for {@code rho(g)}. */
    static final class Inverse implements Action {
        private final Action inner;

        Inverse(Action inner) {
            this.inner = inner;
        }

        private static List<GroupElement> inverses(List<? extends GroupElement> elements) {
            return elements.stream().map(GroupElement::inverse).toList();
        }

        @Override
        public Tensor apply(GroupElement g, Tensor x) {
            return inner.apply(g.inverse(), x);
        }

        @Override
        public Tensor applyEach(List<? extends GroupElement> elements, Tensor x) {
            return inner.applyEach(inverses(elements), x);
        }

        @Override
        public Tensor applyStacked(List<? extends GroupElement> elements, Tensor stacked) {
            return inner.applyStacked(inverses(elements), stacked);
        }

        @Override
        public Action bind(long[] shape, Group<?> group) {
            return new Inverse(inner.bind(shape, group));
        }

        @Override
        public String describe() {
            return inner.describe() + " with g^-1";
        }

        @Override
        public boolean exactInAnyDtype() {
            return inner.exactInAnyDtype();
        }

        @Override
        public boolean preservesNorm() {
            return inner.preservesNorm();
        }

        @Override
        public boolean isTrivial() {
            return inner.isTrivial();
        }

        @Override
        public boolean touchesAxis(int axis, int rank) {
            return inner.touchesAxis(axis, rank);
        }

        @Override
        public Map<String, Integer> sizeHints(long[] shape) {
            return inner.sizeHints(shape);
        }

        @Override
        public int[] gridAxes(int rank) {
            return inner.gridAxes(rank);
        }

        @Override
        public Action dual() {
            return new Inverse(inner.dual());
        }
    }
}
