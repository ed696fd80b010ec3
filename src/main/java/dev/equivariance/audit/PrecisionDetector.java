package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.TensorScope;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Numerical precision: reruns the comparisons in float64 (the model's float64 twin). An error that falls by a
 * factor of 1000 or more is float round-off, not a symmetry bug.
 */
final class PrecisionDetector {

    /** The finding: the float64 error and the issue to report. */
    record Finding(double float64Error, double factor, Issue issue) {
    }

    private PrecisionDetector() {
    }

    static Optional<Finding> examine(AuditSpec spec, AuditedModel model, ShapeContext ctx, List<HostArray> sample,
                                     List<GroupElement> probe, double originalError) {
        Optional<AuditedModel> twin;
        try {
            twin = model.float64();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (twin.isEmpty() || twin.get() == model || probe.isEmpty() || !(originalError > 0)) {
            return Optional.empty();
        }
        double worst = 0;
        try (TensorScope scope = model.backend().openScope()) {
            Evaluator e = new Evaluator(twin.get(), ctx.group, ctx.inputActions, ctx.shapes, spec.outputs(),
                    spec.invariant(), spec.maxBatch(), ctx.evaluator.batchKnowledge());
            Evaluator.Prepared p = e.prepare(0, sample);
            for (PairError pe : e.evaluate(p, probe)) {
                worst = Math.max(worst, pe.relative());
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        double factor = worst == 0 ? Double.POSITIVE_INFINITY : originalError / worst;
        if (!(factor >= 1e3)) {
            return Optional.empty();
        }
        Issue issue = new Issue(IssueKind.NUMERICAL_PRECISION,
                "The error is " + model.dtype() + " round-off, not a symmetry bug: the same comparisons in float64 are "
                        + "exact to float64 precision.", "whole model (accumulated over its depth)",
                Issue.Severity.INFO,
                "Nothing to fix in the symmetry. If the error matters, compute in float64 or reduce depth / "
                        + "conditioning; loosen the tolerance if this level is expected.",
                String.format(Locale.ROOT, "max relative error %.3g in %s, %.3g in float64 (%s times smaller)",
                        originalError, model.dtype(), worst, Double.isInfinite(factor) ? "infinitely"
                                : String.format(Locale.ROOT, "%.3g", factor)));
        return Optional.of(new Finding(worst, factor, issue));
    }
}
