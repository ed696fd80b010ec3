package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Explains an audit's result: runs the failure-mode detectors in order of precedence — batch coupling, wrong output
 * transform (failing at the identity or fitting another action), an ignored input, the inverse convention, numerical
 * precision, discretisation (interpolated rotations, for approximate results), padding / boundary effects, then the
 * first breaking layer (non-equivariant nonlinearity or a bug isolated in one layer) — and stops at the first that
 * explains the failure, so a report names one cause, with its evidence.
 */
final class Diagnosis {

    /** The issues found, the verdict after them, and notes. */
    record Result(List<Issue> issues, Verdict verdict, List<String> notes, Optional<double[][]> positionErrors) {
    }

    private final AuditSpec spec;
    private final AuditedModel model;
    private final ShapeContext main;
    private final Tolerance tolerance;
    private final List<List<HostArray>> samples;
    private final List<GroupElement> probe;
    private final List<LayerResult> layers;
    private final LayerAudit layerAudit;

    Diagnosis(AuditSpec spec, AuditedModel model, ShapeContext main, Tolerance tolerance,
              List<List<HostArray>> samples, List<GroupElement> probe, List<LayerResult> layers,
              LayerAudit layerAudit) {
        this.spec = spec;
        this.model = model;
        this.main = main;
        this.tolerance = tolerance;
        this.samples = samples;
        this.probe = probe;
        this.layers = layers;
        this.layerAudit = layerAudit;
    }

    /**
     * Diagnoses the forward (end-to-end) result.
     *
     * @param verdict the end-to-end verdict (FAIL for a nondeterministic model), before gradients
     */
    Result run(Verdict verdict, Level level, double maxError, double identityError, boolean nondeterministic) {
        List<Issue> issues = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (nondeterministic || samples.isEmpty()) {
            return new Result(issues, verdict, notes, Optional.empty());
        }
        List<HostArray> sample = samples.get(0);
        boolean identityFails = !tolerance.passes(identityError);
        Optional<Issue> batch = attempt(() -> BatchCompositionDetector.examine(model, main, sample,
                verdict != Verdict.PASS));
        if (batch.isPresent()) {
            issues.add(batch.get());
            if (verdict == Verdict.PASS) {
                notes.add("Verdict PASS changed to NEEDS_ATTENTION: the model's outputs depend on the composition of "
                        + "its batch, so the comparisons agreed only because of how the audit composed its inputs.");
                return new Result(issues, Verdict.NEEDS_ATTENTION, notes, Optional.empty());
            }
            return new Result(issues, verdict, notes, Optional.empty());
        }
        if (verdict == Verdict.PASS) {
            if (level == Level.EXCELLENT) {
                attempt(() -> PrecisionDetector.examine(spec, model, main, sample, probe, maxError))
                        .ifPresent(f -> issues.add(f.issue()));
            }
            return new Result(issues, verdict, notes, Optional.empty());
        }
        Optional<Issue> output = attempt(() -> OutputActionDetector.examine(spec, model, main, sample, probe,
                tolerance));
        if (output.isPresent()) {
            issues.add(output.get());
            return new Result(issues, verdict, notes, Optional.empty());
        }
        Optional<Issue> ignored = attempt(() -> IgnoredInputDetector.examine(model, main, sample));
        if (ignored.isPresent()) {
            issues.add(ignored.get());
            return new Result(issues, verdict, notes, Optional.empty());
        }
        Optional<Issue> inverse = attempt(() -> InverseConventionDetector.examine(spec, model, main, sample, probe,
                tolerance));
        if (inverse.isPresent()) {
            issues.add(inverse.get());
            return new Result(issues, verdict, notes, Optional.empty());
        }
        if (identityFails) {
            issues.add(new Issue(IssueKind.IDENTITY_FAILS,
                    "f(e x) differs from rho_out(e) f(x) for the identity element e, which no symmetry bug can cause: "
                            + "the declared output transform does not act as the identity, or the model's output "
                            + "depends on more than its input.", "output transform", Issue.Severity.ERROR,
                    "Check the declared output action (a custom action must map the identity to the identity) and "
                            + "that the model is deterministic.",
                    String.format(Locale.ROOT, "max relative error at the identity: %.3g", identityError)));
            return new Result(issues, verdict, notes, Optional.empty());
        }
        Optional<PrecisionDetector.Finding> precision = attempt(() -> PrecisionDetector.examine(spec, model, main,
                sample, probe, maxError));
        if (precision.isPresent()) {
            Verdict adjusted = verdict == Verdict.FAIL ? Verdict.NEEDS_ATTENTION : Verdict.PASS;
            Issue i = precision.get().issue();
            issues.add(verdict == Verdict.FAIL ? i.withSeverity(Issue.Severity.WARNING) : i);
            notes.add("Verdict " + verdict + " changed to " + adjusted + ": the float64 rerun shows the error is "
                    + "round-off.");
            return new Result(issues, adjusted, notes, Optional.empty());
        }
        if (level == Level.APPROXIMATE) {
            Optional<Issue> discretisation = attempt(() -> DiscretisationDetector.examine(spec, model, main, sample,
                    probe, tolerance));
            if (discretisation.isPresent()) {
                issues.add(discretisation.get());
                return new Result(issues, verdict, notes, Optional.empty());
            }
        }
        Optional<BoundaryDetector.Finding> boundary = attempt(this::boundary);
        Optional<double[][]> map = boundary.map(BoundaryDetector.Finding::map);
        if (boundary.isPresent()) {
            issues.add(boundary.get().issue());
            return new Result(issues, verdict, notes, map);
        }
        LayerDetector.examine(layers, firstBreakingIsActivation(), tolerance).ifPresent(issues::add);
        return new Result(issues, verdict, notes, map);
    }

    /** Runs a detector; one that cannot run on this model (it rejects a batch size, say) finds nothing. */
    private static <T> Optional<T> attempt(java.util.function.Supplier<Optional<T>> detector) {
        try {
            return detector.get();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The per-position error map of the first breaking layer's activation, or of the output. */
    private Optional<BoundaryDetector.Finding> boundary() {
        if (probe.isEmpty()) {
            return Optional.empty();
        }
        GroupElement g = probe.get(0);
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).firstBreaking() && layerAudit != null) {
                int index = i;
                Action rho = layerAudit.actionOf(i);
                List<dev.equivariance.tensor.Layer> known = layerAudit.layered().layers();
                return BoundaryDetector.examine(model, main, samples.get(0), g,
                        xs -> layerAudit.layered().activations(xs).get(index), rho, "layer " + layers.get(i).name(),
                        i < known.size() ? known.get(i).padding() : null);
            }
        }
        List<Action> outputs = main.evaluator.outputActions();
        if (outputs != null && outputs.size() == 1) {
            return BoundaryDetector.examine(model, main, samples.get(0), g,
                    xs -> model.forward(xs).get(0), outputs.get(0), "output #0");
        }
        return Optional.empty();
    }

    private boolean firstBreakingIsActivation() {
        if (layerAudit == null) {
            return false;
        }
        List<dev.equivariance.tensor.Layer> known = layerAudit.layered().layers();
        for (int i = 0; i < layers.size() && i < known.size(); i++) {
            if (layers.get(i).firstBreaking()) {
                return known.get(i).activation();
            }
        }
        return false;
    }
}
