package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.group.PlanarAngle;
import dev.equivariance.rep.Action;
import dev.equivariance.search.HostArray;
import dev.equivariance.search.SampledElement;
import dev.equivariance.search.Shrinker;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DeviceSelection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the raw pair errors of an audit into an {@link AuditReport}: the phases after the end-to-end evaluation, one
 * method each, run in order by {@link #build()}.
 */
final class ReportBuilder {

    private final AuditSpec spec;
    private final AuditedModel model;
    private final DeviceSelection selection;
    private final ShapeContext.Cache contexts;
    private final Tolerance tolerance;
    private final long seed;
    private final List<Audit.Sample> samples;
    private final PairError[][] errors;
    private ProgressClock clock = ProgressClock.silent();

    ReportBuilder(AuditSpec spec, AuditedModel model, DeviceSelection selection, ShapeContext.Cache contexts,
                  Tolerance tolerance, long seed, List<Audit.Sample> samples, PairError[][] errors) {
        this.spec = spec;
        this.model = model;
        this.selection = selection;
        this.contexts = contexts;
        this.tolerance = tolerance;
        this.seed = seed;
        this.samples = samples;
        this.errors = errors;
    }

    /** Where the phases after the end-to-end test report their start. */
    ReportBuilder progress(ProgressClock clock) {
        this.clock = clock;
        return this;
    }

    /** What the phases of one audit find, filled in phase by phase. */
    private static final class Findings {
        final List<ShapeContext> used;
        final ShapeContext main;
        final List<List<HostArray>> few;
        final List<GroupElement> probe;
        final List<ElementResult> perElement = new ArrayList<>();
        final List<Issue> issues = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        ErrorStats stats;
        Level level;
        Verdict verdict;
        double identityError;
        Optional<Counterexample> counterexample = Optional.empty();
        List<LayerResult> layers = List.of();
        LayerAudit layerAudit;
        GradientResult gradientResult;
        final List<Issue> gradientIssues = new ArrayList<>();
        Verdict gradientVerdict = Verdict.PASS;
        Optional<LieDerivativeResult> lie = Optional.empty();
        int lieCalls;
        Diagnosis.Result diagnosis;

        Findings(List<ShapeContext> used, ShapeContext main, List<List<HostArray>> few, List<GroupElement> probe) {
            this.used = used;
            this.main = main;
            this.few = few;
            this.probe = probe;
        }
    }

    /**
     * The phases after the end-to-end evaluation, in order: statistics and verdict, the determinism probe, the
     * counterexample search, the layer-wise audit, the gradient audit, the Lie derivative, diagnosis, the vacuity
     * check, and the report's assembly.
     */
    AuditReport build() {
        ShapeContext main = samples.get(0).context();
        Findings f = new Findings(samples.stream().map(Audit.Sample::context).distinct().toList(), main,
                samples.stream().filter(s -> s.context() == main).limit(2).map(Audit.Sample::input).toList(),
                probeElements(main));
        statistics(f);
        determinism(f);
        shrinking(f);
        layerWise(f);
        gradients(f);
        lieDerivative(f);
        diagnosis(f);
        vacuity(f);
        return assemble(f);
    }

    /** Per-element and overall error statistics, and the verdict they give. */
    private void statistics(Findings f) {
        ErrorStats.Accumulator all = new ErrorStats.Accumulator();
        for (ShapeContext ctx : f.used) {
            for (int j = 0; j < ctx.elements.size(); j++) {
                ErrorStats.Accumulator acc = new ErrorStats.Accumulator();
                for (Audit.Sample s : samples) {
                    if (s.context() == ctx) {
                        PairError e = errors[s.index()][j];
                        acc.add(e.absolute(), e.relative());
                        all.add(e.absolute(), e.relative());
                    }
                }
                ErrorStats st = acc.result();
                SampledElement se = ctx.elements.get(j);
                Optional<PlanarAngle> angle = PlanarAngle.of(se.element());
                f.perElement.add(new ElementResult(se.element().toString(), se.edgeCase(),
                        Shrinker.complexity(ctx.group, se.element()), st.maxRelative(), st.meanRelative(),
                        st.maxAbsolute(), angle.map(PlanarAngle::degrees).orElse(Double.NaN),
                        angle.map(PlanarAngle::reflected).orElse(false)));
            }
        }
        f.stats = all.result();
        f.level = tolerance.classify(f.stats.maxRelative());
        f.verdict = Verdict.of(f.level);
    }

    /** A deterministic model is exact at the identity: probe for nondeterminism only when something failed. */
    private void determinism(Findings f) {
        f.identityError = identityError();
        double determinismGap = f.verdict == Verdict.PASS && tolerance.passes(f.identityError) ? 0
                : determinismGap();
        if (!tolerance.passes(determinismGap)) {
            f.issues.add(new Issue(IssueKind.NONDETERMINISTIC_MODEL,
                    "Two forward passes on the same input gave different outputs, so no comparison can be trusted.",
                    "whole model", Issue.Severity.ERROR,
                    "Put the model in eval mode (dropout and batch-statistics off) and avoid nondeterministic kernels.",
                    String.format(Locale.ROOT, "relative difference between f(x) and f(x): %.3g", determinismGap)));
            f.verdict = Verdict.FAIL;
        }
    }

    /** The smallest counterexample; a failing identity is explained by diagnosis, never by a search. */
    private void shrinking(Findings f) {
        if (f.verdict != Verdict.PASS && !nondeterministic(f.issues) && tolerance.passes(f.identityError)) {
            clock.phase("shrinking the counterexample");
            f.counterexample = new CounterexampleSearch(spec, model, contexts, tolerance).find(samples, errors,
                    f.issues);
            if (nondeterministic(f.issues)) {
                f.verdict = Verdict.FAIL;
            }
        }
    }

    /** The layer-wise audit: when asked for, and whenever the end-to-end test failed (to find the breaking layer). */
    private void layerWise(Findings f) {
        boolean wantLayers = spec.layers() || f.verdict != Verdict.PASS && !nondeterministic(f.issues);
        if (!wantLayers) {
            return;
        }
        Optional<dev.equivariance.tensor.LayeredModel> layered = model.layered();
        if (layered.isPresent()) {
            clock.phase("layers");
            f.layerAudit = new LayerAudit(spec, model, layered.get(), f.main, tolerance);
            f.layers = f.layerAudit.run(f.few, f.probe);
            f.notes.addAll(f.layerAudit.notes());
        } else if (spec.layers()) {
            throw new AuditException("The layer-wise audit was requested (layers = true), but " + model.name()
                    + " (" + model.kind() + ") exposes no layers. DJL blocks need to be a SequentialBlock, "
                    + "TorchScript modules must export an intermediates method returning List[Tensor], SameDiff graphs "
                    + "need two ops computed from the inputs or layers named with SameDiffModel.layers(...); ONNX "
                    + "models cannot be audited layer by layer. Remove layers = true for this model.");
        } else {
            f.notes.add("No layer-wise analysis: " + model.name() + " (" + model.kind() + ") exposes no layers.");
        }
    }

    /** The gradient audit, when asked for. */
    private void gradients(Findings f) {
        if (!spec.gradients()) {
            return;
        }
        clock.phase("gradients");
        GradientAudit.Outcome outcome = new GradientAudit(spec, model, f.main, tolerance).run(f.few, f.probe);
        f.gradientResult = outcome.result();
        f.gradientIssues.addAll(outcome.issues());
        f.gradientVerdict = Verdict.of(f.gradientResult.level());
    }

    /** The Lie derivative along the generators of a continuous group (informational, never a verdict). */
    private void lieDerivative(Findings f) {
        if (!LieDerivative.applies(spec, f.main)) {
            return;
        }
        clock.phase("Lie derivative");
        LieDerivative derivative = LieDerivative.of(spec, model, f.main);
        List<List<HostArray>> lieInputs = samples.stream().filter(s -> s.context() == f.main)
                .limit(LieDerivative.MAX_INPUTS).map(Audit.Sample::input).toList();
        try {
            f.lie = Optional.of(derivative.run(lieInputs, f.layers.isEmpty() ? null : f.layerAudit));
        } catch (RuntimeException e) {
            f.notes.add("The Lie derivative was not computed: " + e.getMessage());
        }
        f.lieCalls = derivative.forwardCalls();
    }

    /** Causes: forward causes first; then the limits of the dtype; then what the gradients add. */
    private void diagnosis(Findings f) {
        clock.phase("diagnosis");
        f.diagnosis = new Diagnosis(spec, model, f.main, tolerance, f.few, f.probe, f.layers, f.layerAudit)
                .run(f.verdict, f.level, f.stats.maxRelative(), f.identityError, nondeterministic(f.issues));
        f.issues.addAll(f.diagnosis.issues());
        if (f.diagnosis.verdict() == Verdict.PASS) {
            f.counterexample = Optional.empty();
        }
        Verdict forward = f.diagnosis.verdict();
        Optional<Issue> underflow = outputUnderflow(f.used, f.notes);
        if (underflow.isPresent()) {
            f.issues.add(underflow.get());
            if (forward == Verdict.PASS) {
                forward = Verdict.NEEDS_ATTENTION;
                f.notes.add("Verdict PASS changed to NEEDS_ATTENTION: the outputs are too small for " + model.dtype()
                        + " to judge reliably.");
            }
        }
        if (f.gradientResult != null && f.gradientResult.level() == Level.BROKEN) {
            f.issues.add(gradientIssue(f.gradientResult, f.diagnosis.verdict() == Verdict.PASS));
        }
        f.issues.addAll(f.gradientIssues);
        f.verdict = forward.and(f.gradientVerdict);
    }

    /** An audit in which no element moved the input could not have failed: NEEDS_ATTENTION, not PASS. */
    private void vacuity(Findings f) {
        // the evaluation of the first input already saw whether any element moved it
        Optional<Issue> vacuous = f.main.evaluator.firstInputMoved().orElse(false) ? Optional.empty()
                : VacuityCheck.examine(model.backend(), f.main, f.few.get(0),
                f.main.elements.stream().map(SampledElement::element).toList());
        if (vacuous.isPresent()) {
            f.issues.add(vacuous.get());
            if (f.verdict == Verdict.PASS) {
                f.verdict = Verdict.NEEDS_ATTENTION;
                f.notes.add("Verdict PASS changed to NEEDS_ATTENTION: the audit could not have failed (vacuous).");
            }
        }
    }

    /** The report: what was audited, where, the findings and the notes. */
    private AuditReport assemble(Findings f) {
        ShapeContext main = f.main;
        List<String> inputDescriptions = new ArrayList<>();
        for (int k = 0; k < main.inputActions.size(); k++) {
            inputDescriptions.add(main.inputActions.get(k).describe() + " on shape "
                    + spec.inputs().get(k).describeShape());
        }
        List<Action> outputs = main.evaluator.outputActions();
        List<String> outputDescriptions = outputs == null ? List.of() : outputs.stream().map(Action::describe).toList();
        List<String> notes = f.notes;
        notes.addAll(f.diagnosis.notes());
        notes.addAll(model.notes());
        elementNote(main.group, main.elements, spec.trials()).ifPresent(notes::add);
        genericNote(main.group, f.used.stream().flatMap(c -> c.elements.stream()).toList()).ifPresent(notes::add);
        AuditReport.Environment env = new AuditReport.Environment(model.backend().name(), model.backend().device(),
                model.dtype().toString(), model.backend().threads(), model.mode(), selection.describe());
        String name = spec.modelName() != null ? spec.modelName() : model.name();
        String symmetry = f.used.size() == 1 ? main.group.name()
                : spec.groupName() + " (sizes " + sizesSeen() + ")";
        boolean invariant = spec.invariant() || outputs != null && outputs.stream().allMatch(Action::isTrivial);
        return new AuditReport(name, symmetry, invariant, inputDescriptions, outputDescriptions, env, seed,
                samples.size(), main.elements.size(), f.stats, f.level, tolerance, f.perElement, f.layers,
                Optional.ofNullable(f.gradientResult), f.diagnosis.positionErrors(), f.counterexample, f.issues,
                concat(contexts.notes(), notes), f.verdict, spec.approximateExpected(),
                contexts.forwardCalls() + f.lieCalls, Optional.empty(), Optional.empty(), f.lie);
    }

    /**
     * The gradient issue: "the gradients break the symmetry" when the forward pass passed; when it did not, a
     * consequence of the forward cause reported before it (a warning, not a second cause).
     */
    private static Issue gradientIssue(GradientResult g, boolean forwardPassed) {
        String location = g.worstParameters().isEmpty() ? "input gradient"
                : "parameter " + g.worstParameters().get(0).name();
        String evidence = String.format(Locale.ROOT, "input gradient error %s, parameter gradient error %s",
                fmt(g.inputGradientError()), fmt(g.parameterGradientError()));
        if (forwardPassed) {
            return new Issue(IssueKind.GRADIENTS_BREAK_SYMMETRY,
                    "The forward pass is equivariant, but the gradients do not transform with the group, so training "
                            + "pulls the model away from the symmetry.", location, Issue.Severity.ERROR,
                    "Look for operations whose forward value and gradient disagree (straight-through tricks, detach, "
                            + "custom backward functions) in the parameters listed.", evidence);
        }
        return new Issue(IssueKind.GRADIENTS_FOLLOW_FORWARD,
                "The gradients do not transform with the group either, which follows from the forward pass not being "
                        + "equivariant (the cause above): gradients of a non-equivariant function are not "
                        + "equivariant.", location, Issue.Severity.WARNING,
                "Fix the forward cause first; if the gradient audit still fails afterwards, look for operations whose "
                        + "forward value and gradient disagree (straight-through tricks, detach, custom backward "
                        + "functions).", evidence);
    }

    /**
     * The outputs' squares underflow the model's dtype for every input of the audit: the audit compared them in
     * float64, but a model whose outputs are this small cannot be judged reliably in its own dtype (nor trained with a
     * sum-of-squares loss in it). Outputs that are that small for some inputs only get a note.
     */
    private Optional<Issue> outputUnderflow(List<ShapeContext> used, List<String> notes) {
        java.util.Map<Integer, Integer> tiny = new java.util.TreeMap<>();
        int inputs = 0;
        double rms = Double.POSITIVE_INFINITY;
        for (ShapeContext c : used) {
            c.evaluator.tinyOutputs().forEach((j, n) -> tiny.merge(j, n, Integer::sum));
            inputs += c.evaluator.scaledInputs();
            rms = Math.min(rms, c.evaluator.smallestTinyRms());
        }
        dev.equivariance.tensor.DType d = model.dtype();
        List<Integer> always = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : tiny.entrySet()) {
            if (e.getValue() >= inputs) {
                always.add(e.getKey());
            } else {
                notes.add("Output #" + e.getKey() + " was too small for " + d + " (its squares underflow) for "
                        + e.getValue() + " of " + inputs + " inputs; those were compared in float64.");
            }
        }
        if (always.isEmpty()) {
            return Optional.empty();
        }
        String which = always.size() == 1 ? "output #" + always.get(0) : "outputs " + always;
        return Optional.of(new Issue(IssueKind.OUTPUT_UNDERFLOW,
                (rms == 0 ? "The " + which + " of the model is exactly zero for some inputs and too small for " + d
                        + " for the others, so its comparisons test little"
                        : "The values of " + which + " are so small that their squares underflow " + d
                        + " (below its smallest normal number), so norms and sum-of-squares losses of them lose "
                        + "their digits in " + d) + ". The audit compared these outputs in float64 (its errors are "
                        + "not 0 by underflow), but it cannot vouch for a model computing at this scale in " + d
                        + ".", which, Issue.Severity.WARNING,
                "Rescale the model's outputs (normalise the targets, remove a tiny factor), or compute in float64.",
                String.format(Locale.ROOT, "smallest root mean square of the output %.3g, below %.3g = "
                        + "sqrt(smallest normal %s number), for all %d inputs", rms,
                        FloatLimits.squaresUnderflowBelow(d), d, inputs)));
    }

    /** The note when the group has fewer (distinct) elements than trials, with the group's true order when known. */
    static Optional<String> elementNote(dev.equivariance.group.Group<?> group, List<SampledElement> elements,
                                        int trials) {
        if (elements.size() >= trials) {
            return Optional.empty();
        }
        java.util.OptionalLong order = dev.equivariance.search.ElementSampler.order(group);
        if (order.isPresent() && order.getAsLong() == elements.size()) {
            return Optional.of(group.name() + " has only " + elements.size() + " elements (trials = " + trials
                    + "): each was tested once per input.");
        }
        return Optional.of(order.isPresent()
                ? elements.size() + " distinct elements of " + group.name() + " (of its " + order.getAsLong()
                        + ") were drawn for trials = " + trials + ": random draws kept repeating elements already drawn."
                : "Only " + elements.size() + " distinct elements of " + group.name() + " were found for trials = "
                        + trials + ": random draws kept repeating elements already drawn.");
    }

    /** The note when a continuous group's audit tested edge cases only, no generic (random) element. */
    static Optional<String> genericNote(dev.equivariance.group.Group<?> group, List<SampledElement> elements) {
        if (!dev.equivariance.search.ElementSampler.continuous(group) || elements.isEmpty()
                || elements.stream().anyMatch(e -> !e.edgeCase())) {
            return Optional.empty();
        }
        return Optional.of("No generic element of " + group.name() + " was tested: all " + elements.size()
                + " element(s) were edge cases (identity, quarter turns, unit shifts, ...), which a model can get "
                + "right while failing elsewhere. Raise trials or turn edge cases off.");
    }

    /**
     * Up to eight non-identity elements of the main context for the layer and gradient audits: the worst ones of the
     * end-to-end audit first, then the others in the order they were drawn (edge cases first).
     */
    private List<dev.equivariance.group.GroupElement> probeElements(ShapeContext main) {
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < main.elements.size(); j++) {
            order.add(j);
        }
        double[] worst = new double[main.elements.size()];
        for (Audit.Sample s : samples) {
            if (s.context() == main) {
                for (int j = 0; j < worst.length; j++) {
                    worst[j] = Math.max(worst[j], errors[s.index()][j].relative());
                }
            }
        }
        List<Integer> failing = order.stream().filter(j -> !tolerance.passes(worst[j]))
                .sorted((a, b) -> Double.compare(worst[b], worst[a])).limit(4).toList();
        List<dev.equivariance.group.GroupElement> out = new ArrayList<>();
        for (int j : failing) {
            out.add(main.elements.get(j).element());
        }
        for (int j : order) {
            dev.equivariance.group.GroupElement e = main.elements.get(j).element();
            if (out.size() >= 8) {
                break;
            }
            if (!e.isIdentity() && !out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "not run" : String.format(Locale.ROOT, "%.3g", v);
    }

    private String sizesSeen() {
        return samples.stream().map(s -> s.sizes().toString()).distinct().toList().toString();
    }

    private static boolean nondeterministic(List<Issue> issues) {
        return issues.stream().anyMatch(i -> i.kind() == IssueKind.NONDETERMINISTIC_MODEL);
    }

    /** Computes f(x) twice for the first input and returns the relative difference of the two results. */
    private double determinismGap() {
        Audit.Sample first = samples.get(0);
        try (dev.equivariance.tensor.TensorScope scope = model.backend().openScope()) {
            Evaluator.Prepared p = first.context().evaluator.prepare(first.index(), first.input());
            return first.context().evaluator.determinismGap(p);
        }
    }

    /** The worst error at the identity element, or 0 when the identity was not tested. */
    private double identityError() {
        double worst = 0;
        for (Audit.Sample s : samples) {
            List<SampledElement> elements = s.context().elements;
            for (int j = 0; j < elements.size(); j++) {
                if (elements.get(j).element().isIdentity()) {
                    worst = Math.max(worst, errors[s.index()][j].relative());
                }
            }
        }
        return worst;
    }

    static String shapes(List<long[]> shapes) {
        return shapes.stream().map(Arrays::toString).toList().toString();
    }
}
