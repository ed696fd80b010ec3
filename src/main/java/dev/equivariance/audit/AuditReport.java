package dev.equivariance.audit;

import java.util.List;
import java.util.Optional;

/**
 * The finished audit of one model under one symmetry: what was tested, the error statistics, the verdict, the
 * smallest counterexample and the identified issues. Render it with {@code dev.equivariance.report.TextReport}.
 *
 * @param model the model's name
 * @param symmetry the group's name
 * @param invariant whether invariance (trivial output actions) was audited
 * @param inputs how each input transforms, with its shape
 * @param outputs how each output transforms
 * @param environment backend and engine version, device and why it was chosen, dtype, threads and model mode
 * @param seed the seed that replays this audit
 * @param samples number of generated inputs
 * @param transformations number of group elements tested per input
 * @param endToEnd statistics over all (input, element) pairs
 * @param level the level of the worst relative error
 * @param tolerance the thresholds used
 * @param elements per-element errors in the order they were tested
 * @param layers the layer-wise audit, in network order (empty when not requested or not available)
 * @param gradients the gradient audit, when requested
 * @param positionErrors for spatial models whose failure the diagnosis traced to the grid's borders: the mean
 *                       absolute error per grid position ({@code [row][column]}) of the activation it examined
 * @param counterexample the smallest failing transformation, when the audit failed
 * @param issues identified problems
 * @param notes remarks on how the audit ran (e.g. batching turned off)
 * @param verdict the overall verdict
 * @param approximateExpected whether the test declared approximate equivariance acceptable
 * @param modelEvaluations the number of model forward passes the audit made (batched passes count once)
 * @param crossDevice the comparison with a second device, when requested
 * @param selfCheck the planted symmetry breaks and which were caught, when requested
 * @param lieDerivative the Lie derivative along the generators of the group's continuous part, when it has one
 */
public record AuditReport(String model, String symmetry, boolean invariant, List<String> inputs, List<String> outputs,
                          Environment environment, long seed, int samples, int transformations, ErrorStats endToEnd,
                          Level level, Tolerance tolerance, List<ElementResult> elements, List<LayerResult> layers,
                          Optional<GradientResult> gradients, Optional<double[][]> positionErrors,
                          Optional<Counterexample> counterexample, List<Issue> issues, List<String> notes,
                          Verdict verdict, boolean approximateExpected, int modelEvaluations,
                          Optional<CrossDeviceResult> crossDevice, Optional<SelfCheckResult> selfCheck,
                          Optional<LieDerivativeResult> lieDerivative) {

    public AuditReport {
        lieDerivative = lieDerivative == null ? Optional.empty() : lieDerivative;
        crossDevice = crossDevice == null ? Optional.empty() : crossDevice;
        selfCheck = selfCheck == null ? Optional.empty() : selfCheck;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        elements = List.copyOf(elements);
        layers = List.copyOf(layers);
        issues = List.copyOf(issues);
        notes = List.copyOf(notes);
    }

    /** A report without a self-check. */
    public AuditReport(String model, String symmetry, boolean invariant, List<String> inputs, List<String> outputs,
                       Environment environment, long seed, int samples, int transformations, ErrorStats endToEnd,
                       Level level, Tolerance tolerance, List<ElementResult> elements, List<LayerResult> layers,
                       Optional<GradientResult> gradients, Optional<double[][]> positionErrors,
                       Optional<Counterexample> counterexample, List<Issue> issues, List<String> notes,
                       Verdict verdict, boolean approximateExpected, int modelEvaluations,
                       Optional<CrossDeviceResult> crossDevice) {
        this(model, symmetry, invariant, inputs, outputs, environment, seed, samples, transformations, endToEnd, level,
                tolerance, elements, layers, gradients, positionErrors, counterexample, issues, notes, verdict,
                approximateExpected, modelEvaluations, crossDevice, Optional.empty(), Optional.empty());
    }

    /**
     * This report with a self-check: a vacuous declaration (no planted break caught) makes a passing verdict
     * NEEDS_ATTENTION.
     */
    AuditReport withSelfCheck(SelfCheckResult result, List<String> moreNotes) {
        List<String> allNotes = new java.util.ArrayList<>(notes);
        allNotes.addAll(moreNotes);
        List<Issue> all = new java.util.ArrayList<>(issues);
        Verdict v = verdict;
        if (result.planted() > 0 && result.detected() == 0
                && all.stream().noneMatch(i -> i.kind() == IssueKind.VACUOUS_AUDIT)) {
            all.add(new Issue(IssueKind.VACUOUS_AUDIT, "None of the symmetry breaks planted by the self-check was "
                    + "caught: this declaration passes models that are not equivariant.", "declaration",
                    Issue.Severity.WARNING, "Check that the input actions move the inputs (axis, action) and that the "
                    + "output is declared with the convention the group really acts with.", result.detected() + " of "
                    + result.planted() + " planted breaks detected"));
            if (v == Verdict.PASS) {
                v = Verdict.NEEDS_ATTENTION;
            }
        }
        return new AuditReport(model, symmetry, invariant, inputs, outputs, environment, seed, samples, transformations,
                endToEnd, level, tolerance, elements, layers, gradients, positionErrors, counterexample, all, allNotes,
                v, approximateExpected, modelEvaluations, crossDevice, Optional.of(result), lieDerivative);
    }

    /** This report with a cross-device comparison and the issues it raised. */
    AuditReport withCrossDevice(CrossDeviceResult result, List<Issue> moreIssues) {
        List<Issue> all = new java.util.ArrayList<>(issues);
        all.addAll(moreIssues);
        return new AuditReport(model, symmetry, invariant, inputs, outputs, environment, seed, samples, transformations,
                endToEnd, level, tolerance, elements, layers, gradients, positionErrors, counterexample, all, notes,
                verdict, approximateExpected, modelEvaluations, Optional.of(result), selfCheck, lieDerivative);
    }

    /** This report with more notes, e.g. a face's warnings about the test's settings. */
    public AuditReport withNotes(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new AuditReport(model, symmetry, invariant, inputs, outputs, environment, seed, samples, transformations,
                endToEnd, level, tolerance, elements, layers, gradients, positionErrors, counterexample, issues, all,
                verdict, approximateExpected, modelEvaluations, crossDevice, selfCheck, lieDerivative);
    }

    /** The first layer whose error is broken, if the layer-wise audit found one. */
    public Optional<LayerResult> firstBreakingLayer() {
        return layers.stream().filter(LayerResult::firstBreaking).findFirst();
    }

    /**
     * Where and how the model ran.
     *
     * @param backend the backend with its engine and version, e.g. {@code DJL 0.36.0 / PyTorch 2.7.1}
     * @param device the device model, inputs and transforms lived on, e.g. {@code cpu()} or {@code gpu(0)}
     * @param dtype the element type the model computed in
     * @param threads the engine's intra-op threads, or -1 when unknown
     * @param mode the model's mode, e.g. {@code eval}
     * @param deviceSelection how the device was chosen, e.g. {@code auto -> cpu(): no GPU visible (...)}
     */
    public record Environment(String backend, String device, String dtype, int threads, String mode,
                              String deviceSelection) {

        /** An environment whose device was not selected by the audit. */
        public Environment(String backend, String device, String dtype, int threads, String mode) {
            this(backend, device, dtype, threads, mode, device);
        }
    }

    /** Whether the test this audit belongs to should pass: PASS, or NEEDS_ATTENTION when approximate is expected. */
    public boolean acceptable() {
        return verdict == Verdict.PASS || verdict == Verdict.NEEDS_ATTENTION && approximateExpected;
    }

    /** The end-to-end result as a word: PASS or FAIL. */
    public String endToEndResult() {
        return tolerance.passes(endToEnd.maxRelative()) ? "PASS" : "FAIL";
    }
}
