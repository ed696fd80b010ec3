package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Discretisation: an approximate result whose error comes from interpolating the grid (rotations by angles that are
 * not multiples of 90 degrees, {@link Action#interpolates}). The evidence: the probe elements that move the grid
 * exactly (quarter turns) are within tolerance while the interpolated ones carry the error, and the float64 twin, where
 * the model has one, shows the same error (so it is not round-off). Without either piece of evidence nothing is
 * claimed.
 */
final class DiscretisationDetector {

    /** A float64 error at least this fraction of the model's own is "the same error". */
    private static final double SAME = 0.1;

    private DiscretisationDetector() {
    }

    static Optional<Issue> examine(AuditSpec spec, AuditedModel model, ShapeContext ctx, List<HostArray> sample,
                                   List<GroupElement> probe, Tolerance tolerance) {
        List<Action> actions = new ArrayList<>(ctx.inputActions);
        List<Action> outputs = ctx.evaluator.outputActions();
        if (outputs != null) {
            actions.addAll(outputs);
        }
        List<GroupElement> interpolated = new ArrayList<>();
        List<GroupElement> exact = new ArrayList<>();
        for (GroupElement g : probe) {
            (actions.stream().anyMatch(a -> a.interpolates(g)) ? interpolated : exact).add(g);
        }
        if (interpolated.isEmpty()) {
            return Optional.empty();
        }
        double exactWorst = exact.isEmpty() ? Double.NaN : worst(spec, model, ctx, sample, exact);
        double interpolatedWorst = worst(spec, model, ctx, sample, interpolated);
        if (!exact.isEmpty() && !tolerance.passes(exactWorst) || !(interpolatedWorst > 0)) {
            return Optional.empty();
        }
        double float64Worst = Double.NaN;
        Optional<AuditedModel> twin;
        try {
            twin = model.float64();
        } catch (RuntimeException e) {
            twin = Optional.empty();
        }
        if (twin.isPresent() && twin.get() != model) {
            float64Worst = worst(spec, twin.get(), ctx, sample, interpolated);
            if (!(float64Worst >= SAME * interpolatedWorst)) {
                return Optional.empty();    // the error falls in float64: round-off, not interpolation
            }
        }
        if (exact.isEmpty() && Double.isNaN(float64Worst)) {
            return Optional.empty();        // no quarter turn and no float64 rerun to tell
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(String.format(Locale.ROOT, "interpolated elements (e.g. %s): max relative error %.3g",
                interpolated.get(0), interpolatedWorst));
        if (!exact.isEmpty()) {
            evidence.add(String.format(Locale.ROOT, "elements moving the grid exactly (e.g. %s): %.3g, within "
                    + "tolerance", exact.get(0), exactWorst));
        }
        if (!Double.isNaN(float64Worst)) {
            evidence.add(String.format(Locale.ROOT, "float64 rerun of the interpolated elements: %.3g (the same error, "
                    + "not round-off)", float64Worst));
        }
        String interpolating = actions.stream().filter(a -> a.interpolates(interpolated.get(0)))
                .map(Action::describe).distinct().reduce((a, b) -> a + ", " + b).orElse("");
        return Optional.of(new Issue(IssueKind.DISCRETISATION,
                "The error comes from interpolating the grid: rotations by angles that are not multiples of 90 degrees "
                        + "resample the image (and the model's rotated filters), so equivariance holds only "
                        + "approximately, by construction" + (exact.isEmpty() ? "." : ", while quarter turns are "
                        + "exact."), "interpolated elements (" + interpolating + ")", Issue.Severity.WARNING,
                "Expected for rotations by interpolation; to reduce it: anti-alias (smooth inputs and features before "
                        + "resampling), compare inside the inscribed disk (mask=disk), use smoother (band-limited) "
                        + "filters, a bicubic input rotation, or more rotation channels. Declare allowApproximate = "
                        + "true if this level is acceptable.", String.join("; ", evidence)));
    }

    private static double worst(AuditSpec spec, AuditedModel model, ShapeContext ctx, List<HostArray> sample,
                                List<GroupElement> elements) {
        double worst = 0;
        try (TensorScope scope = model.backend().openScope()) {
            Evaluator e = new Evaluator(model, ctx.group, ctx.inputActions, ctx.shapes, spec.outputs(),
                    spec.invariant(), spec.maxBatch(), ctx.evaluator.batchKnowledge());
            Evaluator.Prepared p = e.prepare(0, sample);
            for (PairError pe : e.evaluate(p, elements)) {
                worst = Math.max(worst, pe.relative());
            }
        }
        return worst;
    }
}
