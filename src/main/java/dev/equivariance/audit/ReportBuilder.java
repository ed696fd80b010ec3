package dev.equivariance.audit;

import dev.equivariance.rep.Action;
import dev.equivariance.search.SampledElement;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DeviceSelection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns the raw pair errors of an audit into an {@link AuditReport}: statistics, verdict, counterexample, issues. */
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

    AuditReport build() {
        ErrorStats.Accumulator all = new ErrorStats.Accumulator();
        List<ElementResult> perElement = new ArrayList<>();
        List<ShapeContext> used = samples.stream().map(Audit.Sample::context).distinct().toList();
        for (ShapeContext ctx : used) {
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
                java.util.Optional<dev.equivariance.group.PlanarAngle> angle =
                        dev.equivariance.group.PlanarAngle.of(se.element());
                perElement.add(new ElementResult(se.element().toString(), se.edgeCase(),
                        dev.equivariance.search.Shrinker.complexity(ctx.group, se.element()), st.maxRelative(),
                        st.meanRelative(), st.maxAbsolute(),
                        angle.map(dev.equivariance.group.PlanarAngle::degrees).orElse(Double.NaN),
                        angle.map(dev.equivariance.group.PlanarAngle::reflected).orElse(false)));
            }
        }
        ErrorStats stats = all.result();
        Level level = tolerance.classify(stats.maxRelative());
        Verdict verdict = Verdict.of(level);
        List<Issue> issues = new ArrayList<>();

        double identityError = identityError();
        // a deterministic model is exact at the identity: probe for nondeterminism only when something failed
        double determinismGap = verdict == Verdict.PASS && tolerance.passes(identityError) ? 0 : determinismGap();
        if (!tolerance.passes(determinismGap)) {
            issues.add(new Issue(IssueKind.NONDETERMINISTIC_MODEL,
                    "Two forward passes on the same input gave different outputs, so no comparison can be trusted.",
                    "whole model", Issue.Severity.ERROR,
                    "Put the model in eval mode (dropout and batch-statistics off) and avoid nondeterministic kernels.",
                    String.format(Locale.ROOT, "relative difference between f(x) and f(x): %.3g", determinismGap)));
            verdict = Verdict.FAIL;
        }

        Optional<Counterexample> counterexample = Optional.empty();
        // a failing identity is explained by diagnosis (output action, batch, nondeterminism), never by a search
        if (verdict != Verdict.PASS && !nondeterministic(issues) && tolerance.passes(identityError)) {
            clock.phase("shrinking the counterexample");
            counterexample = new CounterexampleSearch(spec, model, contexts, tolerance).find(samples, errors, issues);
            if (nondeterministic(issues)) {
                verdict = Verdict.FAIL;
            }
        }

        ShapeContext main = samples.get(0).context();
        List<String> notes = new ArrayList<>();
        List<LayerResult> layers = List.of();
        LayerAudit layerAudit = null;
        Optional<GradientResult> gradients = Optional.empty();
        Verdict gradientVerdict = Verdict.PASS;
        boolean wantLayers = spec.layers() || verdict != Verdict.PASS && !nondeterministic(issues);
        List<List<dev.equivariance.search.HostArray>> few = samples.stream().filter(s -> s.context() == main)
                .limit(2).map(Audit.Sample::input).toList();
        List<dev.equivariance.group.GroupElement> probe = probeElements(main);
        if (wantLayers) {
            Optional<dev.equivariance.tensor.LayeredModel> layered = model.layered();
            if (layered.isPresent()) {
                clock.phase("layers");
                layerAudit = new LayerAudit(spec, model, layered.get(), main, tolerance);
                layers = layerAudit.run(few, probe);
                notes.addAll(layerAudit.notes());
            } else if (spec.layers()) {
                throw new AuditException("The layer-wise audit was requested (layers = true), but " + model.name()
                        + " (" + model.kind() + ") exposes no layers. DJL blocks need to be a SequentialBlock, "
                        + "TorchScript modules must export an intermediates method returning List[Tensor], SameDiff graphs "
                        + "need two ops computed from the inputs or layers named with SameDiffModel.layers(...); ONNX "
                        + "models cannot be audited layer by layer. Remove layers = true for this model.");
            } else {
                notes.add("No layer-wise analysis: " + model.name() + " (" + model.kind() + ") exposes no layers.");
            }
        }
        GradientResult gradientResult = null;
        List<Issue> gradientIssues = new ArrayList<>();
        if (spec.gradients()) {
            clock.phase("gradients");
            GradientAudit.Outcome outcome = new GradientAudit(spec, model, main, tolerance).run(few, probe);
            gradientResult = outcome.result();
            gradients = Optional.of(gradientResult);
            gradientIssues.addAll(outcome.issues());
            gradientVerdict = Verdict.of(gradientResult.level());
        }
        Optional<LieDerivativeResult> lie = Optional.empty();
        int lieCalls = 0;
        if (LieDerivative.applies(spec, main)) {
            clock.phase("Lie derivative");
            LieDerivative derivative = LieDerivative.of(spec, model, main);
            List<List<dev.equivariance.search.HostArray>> lieInputs = samples.stream()
                    .filter(s -> s.context() == main).limit(LieDerivative.MAX_INPUTS).map(Audit.Sample::input)
                    .toList();
            try {
                lie = Optional.of(derivative.run(lieInputs, layers.isEmpty() ? null : layerAudit));
            } catch (RuntimeException e) {
                notes.add("The Lie derivative was not computed: " + e.getMessage());
            }
            lieCalls = derivative.forwardCalls();
        }
        clock.phase("diagnosis");
        Diagnosis.Result diagnosis = new Diagnosis(spec, model, main, tolerance, few, probe, layers, layerAudit)
                .run(verdict, level, stats.maxRelative(), identityError, nondeterministic(issues));
        // forward causes first; then the limits of the dtype; then what the gradients add
        issues.addAll(diagnosis.issues());
        if (diagnosis.verdict() == Verdict.PASS) {
            counterexample = Optional.empty();
        }
        Verdict forward = diagnosis.verdict();
        Optional<Issue> underflow = outputUnderflow(used, notes);
        if (underflow.isPresent()) {
            issues.add(underflow.get());
            if (forward == Verdict.PASS) {
                forward = Verdict.NEEDS_ATTENTION;
                notes.add("Verdict PASS changed to NEEDS_ATTENTION: the outputs are too small for " + model.dtype()
                        + " to judge reliably.");
            }
        }
        if (gradientResult != null && gradientResult.level() == Level.BROKEN) {
            issues.add(gradientIssue(gradientResult, diagnosis.verdict() == Verdict.PASS));
        }
        issues.addAll(gradientIssues);
        verdict = forward.and(gradientVerdict);
        // the evaluation of the first input already saw whether any element moved it
        Optional<Issue> vacuous = main.evaluator.firstInputMoved().orElse(false) ? Optional.empty()
                : VacuityCheck.examine(model.backend(), main, few.get(0),
                main.elements.stream().map(SampledElement::element).toList());
        if (vacuous.isPresent()) {
            issues.add(vacuous.get());
            if (verdict == Verdict.PASS) {
                verdict = Verdict.NEEDS_ATTENTION;
                notes.add("Verdict PASS changed to NEEDS_ATTENTION: the audit could not have failed (vacuous).");
            }
        }
        List<String> inputDescriptions = new ArrayList<>();
        for (int k = 0; k < main.inputActions.size(); k++) {
            inputDescriptions.add(main.inputActions.get(k).describe() + " on shape "
                    + spec.inputs().get(k).describeShape());
        }
        List<Action> outputs = main.evaluator.outputActions();
        List<String> outputDescriptions = outputs == null ? List.of() : outputs.stream().map(Action::describe).toList();
        notes.addAll(diagnosis.notes());
        notes.addAll(model.notes());
        elementNote(main.group, main.elements, spec.trials()).ifPresent(notes::add);
        genericNote(main.group, used.stream().flatMap(c -> c.elements.stream()).toList()).ifPresent(notes::add);
        AuditReport.Environment env = new AuditReport.Environment(model.backend().name(), model.backend().device(),
                model.dtype().toString(), model.backend().threads(), model.mode(), selection.describe());
        String name = spec.modelName() != null ? spec.modelName() : model.name();
        String symmetry = used.size() == 1 ? main.group.name() : spec.groupName() + " (sizes " + sizesSeen() + ")";
        boolean invariant = spec.invariant() || outputs != null && outputs.stream().allMatch(Action::isTrivial);
        return new AuditReport(name, symmetry, invariant, inputDescriptions, outputDescriptions, env, seed,
                samples.size(), main.elements.size(), stats, level, tolerance, perElement, layers, gradients,
                diagnosis.positionErrors(), counterexample, issues, concat(contexts.notes(), notes), verdict,
                spec.approximateExpected(), contexts.forwardCalls() + lieCalls, Optional.empty(), Optional.empty(),
                lie);
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
