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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gradient audit. For an invariant scalar loss L of the outputs, the input gradient must transform with the
 * dual action, grad L(g x) = rho(g^-1)^T grad L(x), and every parameter gradient must not move,
 * grad_theta L(g x) = grad_theta L(x); otherwise training pulls the model away from the symmetry. A float32 check
 * that fails (or gives NaN) is cross-checked before the model is blamed: against the float64 twin of the model when
 * the backend has one, else by repeating the computation (NaN or irreproducible gradients mean the platform is at
 * fault), because some CPU kernels (libtorch's oneDNN convolutions) return wrong float32 gradients.
 */
final class GradientAudit {

    /** The result, and an issue when the platform rather than the model is at fault. */
    record Outcome(GradientResult result, Optional<Issue> platformIssue) {
    }

    private record Check(double inputError, double parameterError, Map<String, Double> perParameter, double loss) {
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
        Check check;
        try {
            check = check(dm.get(), model.dtype(), inputs, elements, loss);
        } catch (RuntimeException e) {
            throw new AuditException("The gradient audit could not differentiate the model: " + e.getMessage()
                    + ". Make sure its parameters require gradients (a TorchScript module must be loaded with "
                    + "trainParam=true)", e);
        }
        Tolerance tol = gradientTolerance(model.dtype());
        double worst = Math.max(nanToInf(check.inputError()), nanToInf(check.parameterError()));
        String note = "Computed in " + model.dtype() + " on " + inputs.size() + " input(s) and " + elements.size()
                + " element(s).";
        Optional<Issue> platform = Optional.empty();
        if (model.dtype() != DType.FLOAT64 && !tol.passes(worst) && spec.gradientCrossCheck()) {
            Optional<AuditedModel> twin = model.float64();
            Optional<DifferentiableModel> twinGrad = twin.flatMap(AuditedModel::differentiable);
            if (twinGrad.isPresent()) {
                Check c64 = check(twinGrad.get(), DType.FLOAT64, inputs, elements, loss);
                double worst64 = Math.max(nanToInf(c64.inputError()), nanToInf(c64.parameterError()));
                if (gradientTolerance(DType.FLOAT64).passes(worst64)) {
                    platform = Optional.of(platformIssue(String.format(Locale.ROOT, "float32 gradient error %s, "
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
                    platform = Optional.of(platformIssue(unreliable.get()));
                    note += " The float32 gradients are unreliable on this platform (" + unreliable.get()
                            + "), so the gradient check does not judge the model.";
                    return new Outcome(new GradientResult(lossName, check.inputError(), check.parameterError(),
                            worstParameters(check), Level.EXACT, note), platform);
                }
                note += " No float64 twin of the model to cross-check with; the float32 gradients are finite and "
                        + "reproducible, so the failure stands.";
            }
        }
        Level level = tol.classify(Math.max(nanToInf(check.inputError()), nanToInf(check.parameterError())));
        return new Outcome(new GradientResult(lossName, check.inputError(), check.parameterError(),
                worstParameters(check), level, note), platform);
    }

    /** Gradients pass one step of differentiation: their thresholds are ten times looser than the forward ones. */
    private Tolerance gradientTolerance(DType dtype) {
        Tolerance t = dtype == model.dtype() ? tolerance : Tolerance.forDtype(dtype);
        return new Tolerance(t.exact() * 10, t.pass() * 10, Math.max(t.broken(), t.pass() * 10));
    }

    private Check check(DifferentiableModel dm, DType dtype, List<List<HostArray>> inputs, List<GroupElement> elements,
                        Loss loss) {
        Errors errors = new Errors();
        List<Action> duals = context.inputActions.stream().map(Action::dual).toList();
        for (List<HostArray> input : inputs) {
            try (TensorScope scope = model.backend().openScope()) {
                List<Tensor> x64 = new ArrayList<>();
                for (HostArray h : input) {
                    x64.add(Uploads.exact(model.backend(), h));
                }
                Gradients g0 = dm.gradients(cast(x64, dtype), loss);
                errors.loss = g0.loss();
                int chunk = stackedChunk(input, elements.size());
                for (int start = 0; start < elements.size(); start += chunk) {
                    List<GroupElement> part = elements.subList(start, Math.min(elements.size(), start + chunk));
                    checkStacked(dm, dtype, loss, x64, g0, part, duals, errors);
                }
            }
        }
        return new Check(errors.input, errors.parameter, errors.perParameter, errors.loss);
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
     * One backward pass for the transformed inputs of one or more elements stacked along the batch axis: slice s of
     * the input gradient must be the dual action of g_s on grad L(x), and each parameter gradient the sum over the
     * elements, {@code count * grad_theta L(x)}.
     */
    private void checkStacked(DifferentiableModel dm, DType dtype, Loss loss, List<Tensor> x64, Gradients g0,
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
        for (int k = 0; k < x64.size(); k++) {
            Tensor expected = duals.get(k).applyEach(part, g0.inputs().get(k).cast(DType.FLOAT64));
            Tensor actual = gg.inputs().get(k).reshape(expected.shape());
            for (PairError e : Closeness.sliceErrors(actual, expected)) {
                errors.input = max(errors.input, e.relative());
            }
        }
        compareParameters(gg, g0, count, errors);
    }

    private static void compareParameters(Gradients gg, Gradients g0, int count, Errors errors) {
        for (Map.Entry<String, Tensor> p : g0.parameters().entrySet()) {
            Tensor other = gg.parameters().get(p.getKey());
            if (other == null) {
                continue;
            }
            double e = Closeness.error(other, count == 1 ? p.getValue() : p.getValue().scale(count)).relative();
            errors.perParameter.merge(p.getKey(), e, GradientAudit::max);
            errors.parameter = max(errors.parameter, e);
        }
    }

    /** The worst errors seen so far. */
    private static final class Errors {
        double input;
        double parameter;
        double loss;
        final Map<String, Double> perParameter = new LinkedHashMap<>();
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
                        return Optional.of("NaN or Inf in the input gradient");
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
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3g", v);
    }
}
