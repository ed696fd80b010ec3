package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DifferentiableModel;
import dev.equivariance.tensor.Gradients;
import dev.equivariance.tensor.Loss;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gradient audit. For an invariant scalar loss L of the outputs, the input gradient must transform with the dual
 * action, grad L(g x) = rho(g^-1)^T grad L(x), and every parameter gradient must not move,
 * grad_theta L(g x) = grad_theta L(x); otherwise training pulls the model away from the symmetry.
 *
 * <p>Both sides come from the same kind of backward pass: the transformed inputs of a chunk of elements are stacked
 * into one batch, and the reference is the untransformed input stacked as many times, so both run the same kernels
 * on batches of the same size (a correct model is never failed because rounding differs between a batch of 2 and a
 * batch of 16, flipping a ReLU).
 *
 * <p>Errors are measured by scale. With S the norm of the model's whole gradient of L(x) (every input and every
 * parameter) and the floor F = max(100 eps S, smallest normal number) of the dtype, a parameter's error is
 * ||grad_p L(g x) - grad_p L(x)|| / max(||grad_layer L(x)||, F), where the layer is the parameters sharing its name
 * up to the last {@code .} or {@code _}; an input's is ||grad_x L(g x) - rho^*(g) grad_x L(x)|| / max(||rho^*(g)
 * grad_x L(x)||, F). A gradient at or below F on both sides is no gradient (float noise around an exact zero, such
 * as an attention key bias, which softmax ignores): listed, not judged.
 *
 * <p>Limits of the dtype are reported, not judged: a loss or gradient that overflows, or a whole gradient so small
 * (S below smallest normal / eps) that its digits are gone. The float64 twin judges instead when the backend has
 * one; the result is never better than NEEDS_ATTENTION. A float32 check that fails (or gives NaN) is cross-checked
 * before the model is blamed: against the float64 twin when there is one, else by repeating the computation (NaN or
 * irreproducible gradients mean the platform is at fault), because some CPU kernels (libtorch's oneDNN
 * convolutions) return wrong float32 gradients.
 */
final class GradientAudit {

    /** The floor is this many epsilons of the model's gradient norm. */
    static final double FLOOR_EPSILONS = 100;

    /** The result, and the issues the gradient audit raises itself (platform problems, limits of the dtype). */
    record Outcome(GradientResult result, List<Issue> issues) {
    }

    /** A limit of the dtype that stops the check: overflow or underflow, with what showed it. */
    private record Limit(IssueKind kind, String evidence) {
    }

    /**
     * The errors of a check; an error is NaN when nothing of its kind had a gradient (then it counts as 0) or when a
     * comparison gave NaN (then it counts as broken).
     */
    private record Check(double inputError, boolean inputJudged, double parameterError, boolean parameterJudged,
                         Map<String, Double> perParameter, List<String> noGradient, double loss, double smallestScale,
                         Limit limit, DType dtype) {

        double worst() {
            return Math.max(inputJudged ? nanToInf(inputError) : 0, parameterJudged ? nanToInf(parameterError) : 0);
        }
    }

    private final AuditSpec spec;
    private final AuditedModel model;
    private final ShapeContext context;
    private final Tolerance tolerance;

    GradientAudit(AuditSpec spec, AuditedModel model, ShapeContext context, Tolerance tolerance) {
        this.spec = spec;
        this.model = model;
        this.context = context;
        this.tolerance = tolerance;
    }

    Outcome run(List<List<HostArray>> inputs, List<GroupElement> elements) {
        Loss loss = spec.loss() != null ? spec.loss() : Loss.SUM_OF_SQUARES;
        String lossName = spec.loss() != null ? "user-supplied loss" : "sum of squares of the outputs";
        Optional<DifferentiableModel> dm = model.differentiable();
        if (dm.isEmpty()) {
            throw new AuditException("The gradient audit was requested (gradients = true), but " + model.name() + " ("
                    + model.kind() + ") cannot be differentiated here: ONNX Runtime runs forward passes only. Audit "
                    + "the gradients of the same model exported as TorchScript, or remove gradients = true.");
        }
        Check check = differentiate(() -> check(dm.get(), model.dtype(), inputs, elements, loss));
        List<Issue> issues = new ArrayList<>();
        String note = "Computed in " + model.dtype() + " on " + inputs.size() + " input(s) and " + elements.size()
                + " element(s); each side from a backward pass of the same stacked size.";
        if (check.limit() == null && !Double.isFinite(check.worst())) {
            Optional<Limit> overflow = overflow(dm.get(), inputs.get(0), loss);
            if (overflow.isPresent()) {
                check = new Check(check.inputError(), check.inputJudged(), check.parameterError(),
                        check.parameterJudged(), check.perParameter(), check.noGradient(), check.loss(),
                        check.smallestScale(), overflow.get(), check.dtype());
            }
        }
        if (check.limit() != null) {
            return limited(check, lossName, note, inputs, elements, loss);
        }
        Tolerance tol = gradientTolerance(model.dtype());
        double worst = check.worst();
        if (model.dtype() != DType.FLOAT64 && !tol.passes(worst) && spec.gradientCrossCheck()) {
            Optional<DifferentiableModel> twinGrad = model.float64().flatMap(AuditedModel::differentiable);
            if (twinGrad.isPresent()) {
                Check c64 = check(twinGrad.get(), DType.FLOAT64, inputs, elements, loss);
                double worst64 = c64.worst();
                if (c64.limit() == null && gradientTolerance(DType.FLOAT64).passes(worst64)) {
                    issues.add(platformIssue(String.format(Locale.ROOT, "float32 gradient error %s, "
                            + "float64 gradient error %.3g", fmt(worst), worst64)));
                    note += " The float32 check failed but the float64 cross-check passed: the float32 gradients are "
                            + "wrong on this platform, the model's gradients respect the symmetry.";
                    check = c64;
                    tol = gradientTolerance(DType.FLOAT64);
                } else {
                    note += String.format(Locale.ROOT, " Confirmed by the float64 cross-check (error %.3g).", worst64);
                }
            } else {
                Optional<String> unreliable = unreliable(dm.get(), inputs.get(0), loss);
                if (unreliable.isPresent()) {
                    issues.add(platformIssue(unreliable.get()));
                    note += " The float32 gradients are unreliable on this platform (" + unreliable.get()
                            + "), so the gradient check does not judge the model.";
                    return new Outcome(result(lossName, check, Level.EXACT, note), issues);
                }
                note += " No float64 twin of the model to cross-check with; the float32 gradients are finite and "
                        + "reproducible, so the failure stands.";
            }
        }
        return new Outcome(result(lossName, check, tol.classify(check.worst()), note), issues);
    }

    /**
     * The check met a limit of the dtype (overflow, or gradients too small to judge): the float64 twin judges when
     * there is one, otherwise nothing is judged; either way the level is at least APPROXIMATE (NEEDS_ATTENTION).
     */
    private Outcome limited(Check check, String lossName, String note, List<List<HostArray>> inputs,
                            List<GroupElement> elements, Loss loss) {
        Limit limit = check.limit();
        Check judged = null;
        if (model.dtype() != DType.FLOAT64) {
            Optional<DifferentiableModel> twin = model.float64().flatMap(AuditedModel::differentiable);
            if (twin.isPresent()) {
                Check c64 = differentiate(() -> check(twin.get(), DType.FLOAT64, inputs, elements, loss));
                judged = c64.limit() == null ? c64 : null;
            }
        }
        boolean overflow = limit.kind() == IssueKind.LOSS_OVERFLOW;
        String what = overflow ? "The loss or its gradients overflow " + model.dtype()
                : "The gradients are too small to judge in " + model.dtype()
                        + " (zero, or below the range where it keeps its digits)";
        String consequence = overflow ? "training in " + model.dtype() + " would get infinite or NaN updates"
                : "training in " + model.dtype() + " would get no gradient from this loss";
        Level level;
        String description;
        if (judged != null) {
            Level l64 = gradientTolerance(DType.FLOAT64).classify(judged.worst());
            level = l64.compareTo(Level.APPROXIMATE) >= 0 ? l64 : Level.APPROXIMATE;
            note += " " + what + "; the float64 twin judged the gradients instead (error " + fmt(judged.worst())
                    + ").";
            description = what + ": " + consequence + ". The gradient audit judged the float64 twin instead, which "
                    + (l64 == Level.BROKEN ? "fails" : "passes") + "; the result is not better than NEEDS_ATTENTION.";
        } else {
            level = Level.APPROXIMATE;
            note += " " + what + ", and there is no float64 twin to judge instead: the gradients were not judged.";
            description = what + ": " + consequence + ", and the audit cannot tell whether the gradients respect "
                    + "the symmetry (no error is reported, rather than an error of 0).";
        }
        Issue issue = new Issue(limit.kind(), description, "gradients", Issue.Severity.WARNING,
                overflow ? "Scale the outputs or the loss down (normalise the targets, average instead of summing), "
                        + "or audit and train in float64."
                        : "Scale the outputs or the loss up (the outputs are tiny for " + model.dtype() + "), or audit "
                        + "and train in float64.", limit.evidence());
        Check shown = judged != null ? judged : new Check(Double.NaN, false, Double.NaN, false, Map.of(),
                check.noGradient(), check.loss(), check.smallestScale(), limit, check.dtype());
        return new Outcome(result(lossName, shown, level, note), List.of(issue));
    }

    private Check differentiate(java.util.function.Supplier<Check> check) {
        try {
            return check.get();
        } catch (AuditException e) {
            throw e;
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            boolean untracked = m.contains("require") && m.contains("grad") || m.contains("No gradient attached");
            throw new AuditException("The gradient audit could not differentiate the model: " + m + (untracked
                    ? ". Make sure its parameters require gradients (a TorchScript module must be loaded with "
                    + "trainParam=true)" : ""), e);
        }
    }

    private GradientResult result(String lossName, Check c, Level level, String note) {
        return new GradientResult(lossName, c.inputError(), c.parameterError(), worstParameters(c), c.noGradient(),
                rule(c), level, note);
    }

    /** The rule and the floor actually used, for the report. */
    private static String rule(Check c) {
        double eps = c.dtype().epsilon();
        String scale = Double.isFinite(c.smallestScale()) ? String.format(Locale.ROOT,
                "; here S >= %.3g, so F >= %.3g", c.smallestScale(),
                Math.max(FLOOR_EPSILONS * eps * c.smallestScale(), FloatLimits.minNormal(c.dtype()))) : "";
        return String.format(Locale.ROOT, "error = ||grad L(g x) - rho*(g) grad L(x)|| / max(||grad of its layer "
                + "(or input) at x||, F), F = max(100 eps S, smallest normal), S = ||grad L(x)|| over all inputs and "
                + "parameters, eps = %.2g (%s)%s; gradients <= F on both sides: no gradient (not judged)", eps,
                c.dtype(), scale);
    }

    /** Gradients pass one step of differentiation: their thresholds are ten times looser than the forward ones. */
    private Tolerance gradientTolerance(DType dtype) {
        Tolerance t = dtype == model.dtype() ? tolerance : Tolerance.forDtype(dtype);
        return new Tolerance(t.exact() * 10, t.pass() * 10, Math.max(t.broken(), t.pass() * 10));
    }

    private Check check(DifferentiableModel dm, DType dtype, List<List<HostArray>> inputs, List<GroupElement> elements,
                        Loss loss) {
        Errors errors = new Errors(dtype);
        List<Action> duals = context.inputActions.stream().map(Action::dual).toList();
        for (List<HostArray> input : inputs) {
            try (TensorScope scope = model.backend().openScope()) {
                List<Tensor> x64 = new ArrayList<>();
                for (HostArray h : input) {
                    x64.add(Uploads.exact(model.backend(), h));
                }
                Map<Integer, Gradients> references = new HashMap<>();
                int chunk = stackedChunk(input, elements.size());
                for (int start = 0; start < elements.size() && errors.limit == null; start += chunk) {
                    List<GroupElement> part = elements.subList(start, Math.min(elements.size(), start + chunk));
                    Gradients reference = references.computeIfAbsent(part.size(),
                            c -> dm.gradients(tiled(x64, c, dtype), loss));
                    errors.loss = reference.loss();
                    checkStacked(dm, dtype, loss, x64, reference, part, duals, errors);
                }
            }
            if (errors.limit != null) {
                break;
            }
        }
        List<String> noGradient = new ArrayList<>();
        for (String name : errors.seen) {
            if (!errors.judged.contains(name)) {
                noGradient.add(name);
            }
        }
        Map<String, Double> perParameter = new LinkedHashMap<>();
        errors.perParameter.forEach((k, v) -> {
            if (errors.judged.contains(k)) {
                perParameter.put(k, v);
            }
        });
        return new Check(errors.anyInputJudged ? errors.input : Double.NaN, errors.anyInputJudged,
                perParameter.isEmpty() ? Double.NaN : errors.parameter, !perParameter.isEmpty(), perParameter,
                noGradient, errors.loss, errors.smallestScale, errors.limit, dtype);
    }

    /** The input stacked {@code count} times along the batch axis (itself for one), in {@code dtype}. */
    private static List<Tensor> tiled(List<Tensor> x64, int count, DType dtype) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : x64) {
            Tensor x = dtype == DType.FLOAT64 ? t : t.cast(dtype);
            out.add(count == 1 ? x : x.tile(count).reshape(Stacks.merged(x.tile(count).shape())));
        }
        return out;
    }

    /**
     * How many elements go into one stacked backward pass: all of them (within the batch limit) when the model keeps
     * batch rows apart and the loss is the built-in sum over rows, so that the gradient of the stacked loss holds, slice
     * by slice, the gradients of the transformed inputs, and for parameters their sum. A user-supplied loss may couple
     * rows, so it gets one backward pass per element.
     */
    private int stackedChunk(List<HostArray> input, int count) {
        if (spec.loss() != null || !context.evaluator.batching()) {
            return 1;
        }
        long rows = input.stream().mapToLong(h -> h.shape()[0]).max().orElse(1);
        return (int) Math.max(1, Math.min(count, spec.maxBatch() / rows));
    }

    /**
     * One backward pass for the transformed inputs of one or more elements stacked along the batch axis, against the
     * reference pass on as many copies of x: slice s of the input gradient must be the dual action of g_s on the
     * reference's slice s, and each parameter gradient (a sum over the slices) the reference's.
     */
    private void checkStacked(DifferentiableModel dm, DType dtype, Loss loss, List<Tensor> x64, Gradients reference,
                              List<GroupElement> part, List<Action> duals, Errors errors) {
        int count = part.size();
        List<Tensor> stacked = new ArrayList<>();
        for (int k = 0; k < x64.size(); k++) {
            Action a = context.inputActions.get(k);
            Tensor each = a.applyEach(part, a.exactInAnyDtype() ? Uploads.inModelType(x64.get(k), dtype) : x64.get(k));
            Tensor merged = each.reshape(Stacks.merged(each.shape()));
            stacked.add(Uploads.inModelType(merged, dtype));
        }
        Gradients gg = dm.gradients(stacked, loss);
        if (!Double.isFinite(reference.loss()) || !Double.isFinite(gg.loss())) {
            errors.limit = new Limit(IssueKind.LOSS_OVERFLOW, "loss " + fmt(reference.loss()) + " in " + dtype
                    + " (largest finite " + fmt(FloatLimits.max(dtype)) + ")");
            return;
        }
        // the scale of everything: ||grad L(x)|| over the inputs (one slice) and the parameters (one copy)
        List<Tensor> expected = new ArrayList<>();
        List<double[]> expectedNorms = new ArrayList<>();
        double[] inputsSquared = new double[count];
        for (int k = 0; k < x64.size(); k++) {
            Tensor ref = reference.inputs().get(k).cast(DType.FLOAT64);
            long[] single = ref.shape().clone();
            single[0] /= count;
            Tensor refStack = Stacks.unmerge(ref, single, count);
            Tensor e = duals.get(k).applyStacked(part, refStack);
            double[] n = refStack.sliceSumOfSquares();
            expected.add(e);
            expectedNorms.add(e.sliceSumOfSquares());
            for (int s = 0; s < count; s++) {
                inputsSquared[s] += n[s];
            }
        }
        Map<String, double[]> norms = new LinkedHashMap<>();
        Map<String, Double> layers = new HashMap<>();
        double parametersSquared = 0;
        for (Map.Entry<String, Tensor> p : reference.parameters().entrySet()) {
            Tensor other = gg.parameters().get(p.getKey());
            if (other == null) {
                continue;
            }
            double r = p.getValue().sumOfSquares() / ((double) count * count);
            double a = other.sumOfSquares() / ((double) count * count);
            double d = other.cast(DType.FLOAT64).subtract(p.getValue().cast(DType.FLOAT64)).sumOfSquares()
                    / ((double) count * count);
            norms.put(p.getKey(), new double[] {r, a, d});
            layers.merge(layerOf(p.getKey()), r, Double::sum);
            parametersSquared += r;
        }
        for (int s = 0; s < count; s++) {
            double scale = Math.sqrt(inputsSquared[s] + parametersSquared);
            if (Double.isNaN(scale)) {
                continue;
            }
            if (Double.isInfinite(scale)) {
                errors.limit = new Limit(IssueKind.LOSS_OVERFLOW, "gradient norm overflows " + dtype + " (loss "
                        + fmt(reference.loss()) + ")");
                return;
            }
            errors.smallestScale = Math.min(errors.smallestScale, scale);
            if (scale < FloatLimits.minNormal(dtype) / dtype.epsilon()) {
                errors.limit = new Limit(IssueKind.GRADIENT_UNDERFLOW, String.format(Locale.ROOT, "||grad L(x)|| = %s "
                        + "over all inputs and parameters (below %s, where %s keeps its digits); loss %s", fmt(scale),
                        fmt(FloatLimits.minNormal(dtype) / dtype.epsilon()), dtype, fmt(reference.loss())));
                return;
            }
        }
        for (int k = 0; k < x64.size(); k++) {
            String name = "input #" + k;
            errors.seen.add(name);
            Tensor e = expected.get(k);
            Tensor actual = gg.inputs().get(k).cast(DType.FLOAT64).reshape(e.shape());
            double[] diff = actual.sliceDifferenceStatistics(e)[0];
            double[] actualNorms = actual.sliceSumOfSquares();
            for (int s = 0; s < count; s++) {
                double floor = floor(Math.sqrt(inputsSquared[s] + parametersSquared), dtype);
                double en = Math.sqrt(expectedNorms.get(k)[s]);
                double an = Math.sqrt(actualNorms[s]);
                if (en <= floor && an <= floor) {
                    continue;
                }
                errors.judged.add(name);
                errors.anyInputJudged = true;
                errors.input = max(errors.input, Math.sqrt(diff[s]) / Math.max(en, floor));
            }
        }
        // one floor for the parameters of the pass, from the largest slice (the slices are copies of one input)
        double floor = floor(Math.sqrt(max(inputsSquared) + parametersSquared), dtype);
        for (Map.Entry<String, double[]> p : norms.entrySet()) {
            String name = p.getKey();
            errors.seen.add(name);
            double r = Math.sqrt(p.getValue()[0]);
            double a = Math.sqrt(p.getValue()[1]);
            double d = Math.sqrt(p.getValue()[2]);
            if (r <= floor && a <= floor) {
                continue;
            }
            double e = d / Math.max(Math.sqrt(layers.get(layerOf(name))), floor);
            errors.judged.add(name);
            errors.perParameter.merge(name, e, GradientAudit::max);
            errors.parameter = max(errors.parameter, e);
        }
    }

    private static double floor(double scale, DType dtype) {
        return Math.max(FLOOR_EPSILONS * dtype.epsilon() * scale, FloatLimits.minNormal(dtype));
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * The layer a parameter belongs to: its name up to the last {@code .} (TorchScript, {@code conv1.weight}) or
     * {@code _} (DJL, {@code 01Linear_weight}); parameters without either ({@code weight} of a lone {@code Linear})
     * belong to the top block, the empty name.
     */
    static String layerOf(String parameter) {
        int dot = parameter.lastIndexOf('.');
        int cut = dot >= 0 ? dot : parameter.lastIndexOf('_');
        return cut > 0 ? parameter.substring(0, cut) : "";
    }

    /** The worst errors seen so far. */
    private static final class Errors {
        double input;
        double parameter;
        double loss;
        double smallestScale = Double.POSITIVE_INFINITY;
        boolean anyInputJudged;
        Limit limit;
        final DType dtype;
        final Map<String, Double> perParameter = new LinkedHashMap<>();
        final Set<String> seen = new LinkedHashSet<>();
        final Set<String> judged = new LinkedHashSet<>();

        Errors(DType dtype) {
            this.dtype = dtype;
        }
    }

    /**
     * Whether non-finite gradients of a finite loss come from overflow: the gradients of the same loss scaled by
     * 2^-40 (exactly, so every gradient scales by 2^-40 too) are finite, those of the loss itself are not.
     */
    private Optional<Limit> overflow(DifferentiableModel dm, List<HostArray> input, Loss loss) {
        try (TensorScope scope = model.backend().openScope()) {
            List<Tensor> x64 = new ArrayList<>();
            for (HostArray h : input) {
                x64.add(model.backend().fromDoubles(h.data(), h.shape(), DType.FLOAT64));
            }
            List<Tensor> x = cast(x64, model.dtype());
            Gradients full = dm.gradients(x, loss);
            if (finite(full)) {
                return Optional.empty();
            }
            Gradients scaled = dm.gradients(x, outputs -> loss.apply(outputs).scale(0x1p-40));
            return finite(scaled) ? Optional.of(new Limit(IssueKind.LOSS_OVERFLOW, "loss " + fmt(full.loss())
                    + ": its gradients are NaN or Inf in " + model.dtype() + ", those of the loss scaled by 2^-40 are "
                    + "finite")) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean finite(Gradients g) {
        if (!Double.isFinite(g.loss())) {
            return false;
        }
        for (Tensor t : g.inputs()) {
            if (!t.isFinite()) {
                return false;
            }
        }
        for (Tensor t : g.parameters().values()) {
            if (!t.isFinite()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether float32 gradients are unreliable: NaN, or different when the same gradient is computed again. (A
     * finite-difference comparison would be no help: it measures the forward function's derivative, which a
     * straight-through trick deliberately differs from.)
     */
    private Optional<String> unreliable(DifferentiableModel dm, List<HostArray> input, Loss loss) {
        try (TensorScope scope = model.backend().openScope()) {
            List<Tensor> x64 = new ArrayList<>();
            for (HostArray h : input) {
                x64.add(Uploads.exact(model.backend(), h));
            }
            Gradients first = dm.gradients(cast(x64, model.dtype()), loss);
            for (int repeat = 0; repeat < 3; repeat++) {
                Gradients again = dm.gradients(cast(x64, model.dtype()), loss);
                for (int k = 0; k < x64.size(); k++) {
                    if (!first.inputs().get(k).isFinite() || !again.inputs().get(k).isFinite()) {
                        return Optional.of("NaN in the input gradient of a finite loss");
                    }
                    double gap = Closeness.error(again.inputs().get(k), first.inputs().get(k)).relative();
                    if (gap > 1e-5) {
                        return Optional.of(String.format(Locale.ROOT,
                                "the same gradient computed twice differs by %.3g", gap));
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static Issue platformIssue(String evidence) {
        return new Issue(IssueKind.NUMERICAL_PLATFORM_PROBLEM,
                "The float32 gradients computed on this machine are wrong, not the model: a known problem of some "
                        + "CPU kernels (libtorch's oneDNN convolutions on AVX2/AVX-512 CPUs).", "backend",
                Issue.Severity.WARNING,
                "Set the environment variable ONEDNN_MAX_CPU_ISA=AVX for the test JVM (Surefire "
                        + "<environmentVariables>), or audit gradients in float64.", evidence);
    }

    private static List<GradientResult.ParameterError> worstParameters(Check c) {
        return c.perParameter().entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -nanToInf(e.getValue())))
                .limit(5).map(e -> new GradientResult.ParameterError(e.getKey(), e.getValue())).toList();
    }

    private List<Tensor> cast(List<Tensor> x64, DType dtype) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : x64) {
            out.add(Uploads.inModelType(t, dtype));
        }
        return out;
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    private static double nanToInf(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static String fmt(double v) {
        return FloatLimits.fmt(v);
    }
}
