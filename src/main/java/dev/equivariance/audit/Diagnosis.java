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
 * Explains an audit's result: runs the failure-mode {@link Detector}s in order of precedence — batch coupling, wrong output
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

    /** The detectors for a passing audit, in order: what can still make a PASS untrustworthy, then notes. */
    private final List<Detector> passing = List.of(Diagnosis::batchComposition, Diagnosis::precisionNote);

    /** The detectors for a failing audit, in order of precedence. */
    private final List<Detector> failing = List.of(Diagnosis::batchComposition, Diagnosis::outputAction,
            Diagnosis::ignoredInput, Diagnosis::inverseConvention, Diagnosis::identity, Diagnosis::precision,
            Diagnosis::discretisation, this::boundary, this::layer);

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
        Detector.Context context = new Detector.Context(spec, model, main, tolerance, samples.get(0), samples, probe,
                layers, layerAudit, verdict, level, maxError, identityError);
        for (Detector d : verdict == Verdict.PASS ? passing : failing) {
            Optional<Detector.Finding> found = attempt(d, context);
            if (found.isPresent()) {
                Detector.Finding f = found.get();
                issues.add(f.issue());
                f.note().ifPresent(notes::add);
                return new Result(issues, f.verdict(), notes, f.positionErrors());
            }
        }
        return new Result(issues, verdict, notes, Optional.empty());
    }

    /** Runs a detector; one that cannot run on this model (it rejects a batch size, say) finds nothing. */
    private static Optional<Detector.Finding> attempt(Detector detector, Detector.Context context) {
        try {
            return detector.examine(context);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Detector.Finding> batchComposition(Detector.Context c) {
        return BatchCompositionDetector.examine(c.model(), c.main(), c.sample(), c.failing()).map(i -> c.failing()
                ? Detector.Finding.of(i, c.verdict())
                : new Detector.Finding(i, Verdict.NEEDS_ATTENTION, Optional.of("Verdict PASS changed to NEEDS_ATTENTION: "
                        + "the model's outputs depend on the composition of its batch, so the comparisons agreed only "
                        + "because of how the audit composed its inputs."), Optional.empty()));
    }

    /** On a passing audit of excellent (not exact) level: a note that the error is round-off, when float64 shows it. */
    private static Optional<Detector.Finding> precisionNote(Detector.Context c) {
        if (c.level() != Level.EXCELLENT) {
            return Optional.empty();
        }
        return PrecisionDetector.examine(c.spec(), c.model(), c.main(), c.sample(), c.probe(), c.maxError())
                .map(f -> Detector.Finding.of(f.issue(), c.verdict()));
    }

    private static Optional<Detector.Finding> outputAction(Detector.Context c) {
        return OutputActionDetector.examine(c.spec(), c.model(), c.main(), c.sample(), c.probe(), c.tolerance())
                .map(i -> Detector.Finding.of(i, c.verdict()));
    }

    private static Optional<Detector.Finding> ignoredInput(Detector.Context c) {
        return IgnoredInputDetector.examine(c.model(), c.main(), c.sample()).map(i -> Detector.Finding.of(i, c.verdict()));
    }

    private static Optional<Detector.Finding> inverseConvention(Detector.Context c) {
        return InverseConventionDetector.examine(c.spec(), c.model(), c.main(), c.sample(), c.probe(), c.tolerance())
                .map(i -> Detector.Finding.of(i, c.verdict()));
    }

    /** A failing identity that no finer detector explained. */
    private static Optional<Detector.Finding> identity(Detector.Context c) {
        if (c.tolerance().passes(c.identityError())) {
            return Optional.empty();
        }
        return Optional.of(Detector.Finding.of(new Issue(IssueKind.IDENTITY_FAILS,
                "f(e x) differs from rho_out(e) f(x) for the identity element e, which no symmetry bug can cause: "
                        + "the declared output transform does not act as the identity, or the model's output "
                        + "depends on more than its input.", "output transform", Issue.Severity.ERROR,
                "Check the declared output action (a custom action must map the identity to the identity) and "
                        + "that the model is deterministic.",
                String.format(Locale.ROOT, "max relative error at the identity: %.3g", c.identityError())),
                c.verdict()));
    }

    /** Round-off that a float64 rerun removes: FAIL becomes NEEDS_ATTENTION, NEEDS_ATTENTION becomes PASS. */
    private static Optional<Detector.Finding> precision(Detector.Context c) {
        return PrecisionDetector.examine(c.spec(), c.model(), c.main(), c.sample(), c.probe(), c.maxError()).map(f -> {
            Verdict adjusted = c.verdict() == Verdict.FAIL ? Verdict.NEEDS_ATTENTION : Verdict.PASS;
            Issue i = c.verdict() == Verdict.FAIL ? f.issue().withSeverity(Issue.Severity.WARNING) : f.issue();
            return new Detector.Finding(i, adjusted, Optional.of("Verdict " + c.verdict() + " changed to " + adjusted
                    + ": the float64 rerun shows the error is round-off."), Optional.empty());
        });
    }

    /** Interpolated rotations, for approximate results. */
    private static Optional<Detector.Finding> discretisation(Detector.Context c) {
        if (c.level() != Level.APPROXIMATE) {
            return Optional.empty();
        }
        return DiscretisationDetector.examine(c.spec(), c.model(), c.main(), c.sample(), c.probe(), c.tolerance())
                .map(i -> Detector.Finding.of(i, c.verdict()));
    }

    private Optional<Detector.Finding> boundary(Detector.Context c) {
        return boundary().map(f -> new Detector.Finding(f.issue(), c.verdict(), Optional.empty(),
                Optional.of(f.map())));
    }

    private Optional<Detector.Finding> layer(Detector.Context c) {
        return LayerDetector.examine(layers, firstBreakingIsActivation(), tolerance)
                .map(i -> Detector.Finding.of(i, c.verdict()));
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
