package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.group.LieGroup;
import dev.equivariance.rep.Action;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Layer;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Computes the Lie derivative of a model along each generator of its group's continuous part, by central differences:
 * {@code L_A f(x) = (y(h) - y(-h)) / 2h} with {@code y(t) = rho_out(exp(tA))^-1 f(rho_in(exp(tA)) x)}, on at most
 * {@value #MAX_INPUTS} inputs: the two transformed inputs of every generator stacked into one forward pass when the
 * model keeps batch rows apart, else two passes per generator; |f(x)| comes from the same outputs. With the layer-wise
 * audit, also for each layer alone on its recorded input activation, with the actions the layer-wise audit inferred.
 *
 * <p>The step. For an equivariant model y(t) is constant, so the difference has no truncation error at all and only
 * round-off remains, about {@code eps |f| / h}; for a broken one the truncation error is {@code h^2/6 |y'''|}, a
 * relative bias of order {@code h^2}. In float64 (eps 1.1e-16) {@value #STEP_FLOAT64} keeps the round-off floor near
 * 1e-12 of |f| and the bias near 1e-8 of the derivative: far apart, so a derivative of 1e-6 is still a clear
 * non-zero. The optimum for a generic smooth function, eps^(1/3) = 5e-6, would lift the floor to 2e-11 for a bias
 * nobody needs. Models without a float64 twin run in their own dtype with {@value #STEP_FLOAT32} (float32: floor
 * about 1e-5, bias 1e-4), and the result says so. Richardson extrapolation would cancel the h^2 term at twice the
 * cost; the bias is far below what matters, so it is not used.
 */
final class LieDerivative {

    static final double STEP_FLOAT64 = 1e-4;
    static final double STEP_FLOAT32 = 1e-2;
    static final int MAX_INPUTS = 2;

    private final AuditedModel model;
    private final ShapeContext context;
    private final LieGroup<?> lie;
    private final List<String> names;
    private final int maxBatch;
    private int forwardCalls;

    private LieDerivative(AuditedModel model, ShapeContext context, LieGroup<?> lie, int maxBatch) {
        this.model = model;
        this.maxBatch = maxBatch;
        this.context = context;
        this.lie = lie;
        this.names = lie.generatorNames();
    }

    /** Whether the audit computes it: for groups with a continuous part, unless the spec turned it off. */
    static boolean applies(AuditSpec spec, ShapeContext context) {
        return spec.lieDerivative() && context.group instanceof LieGroup<?> l && !l.generatorNames().isEmpty();
    }

    /** The computation for a context whose group has generators (see {@link #applies}). */
    static LieDerivative of(AuditSpec spec, AuditedModel model, ShapeContext context) {
        return new LieDerivative(model, context, (LieGroup<?>) context.group, spec.maxBatch());
    }

    /** Forward passes made so far (layers run alone count one each). */
    int forwardCalls() {
        return forwardCalls;
    }

    /**
     * The Lie derivative on up to {@value #MAX_INPUTS} of the inputs; per layer too when {@code layers} (the
     * layer-wise audit that ran, or null) chose actions for the activations.
     */
    LieDerivativeResult run(List<List<HostArray>> inputs, LayerAudit layers) {
        List<String> notes = new ArrayList<>();
        Evaluation e = evaluation(model, notes);
        int n = Math.min(inputs.size(), MAX_INPUTS);
        double[][] abs = new double[names.size()][n];
        double[][] rel = new double[names.size()][n];
        List<Action> outputs = context.evaluator.outputActions();
        for (int s = 0; s < n; s++) {
            try (TensorScope scope = model.backend().openScope()) {
                List<Tensor> x64 = new ArrayList<>();
                for (HostArray h : inputs.get(s)) {
                    x64.add(Uploads.exact(model.backend(), h));
                }
                UnaryOperator<List<Tensor>> f = xs -> {
                    forwardCalls++;
                    return e.model.forward(xs);
                };
                List<long[]> single = new ArrayList<>();
                for (int j = 0; j < outputs.size(); j++) {
                    single.add(context.evaluator.outputShape(j));
                }
                double[] ds = derivatives(f, context.inputActions, outputs, x64, single, e);
                // |f(x)| from the pair that is there anyway: (y(h) + y(-h)) / 2 = f(x) + O(h^2), no pass of its own
                double norm = ds[names.size()];
                for (int a = 0; a < names.size(); a++) {
                    double d = ds[a];
                    abs[a][s] = d;
                    rel[a][s] = norm > 0 ? d / norm : d == 0 ? 0 : Double.POSITIVE_INFINITY;
                }
            }
        }
        List<LieDerivativeResult.Generator> generators = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            generators.add(new LieDerivativeResult.Generator(names.get(a), mean(abs[a]), max(abs[a]), mean(rel[a]),
                    max(rel[a])));
        }
        List<LieDerivativeResult.LayerContribution> perLayer = layers == null ? List.of()
                : perLayer(inputs.subList(0, n), layers, notes);
        if (layers == null) {
            notes.add("Per-layer Lie derivatives come with the layer-wise audit (layers = true).");
        }
        return new LieDerivativeResult(e.dtype.toString(), e.step, n, generators, perLayer, notes);
    }

    /** The model (or layered view) to differentiate, its dtype and step. */
    private record Evaluation(AuditedModel model, DType dtype, double step) {
    }

    private Evaluation evaluation(AuditedModel m, List<String> notes) {
        if (m.dtype() == DType.FLOAT64) {
            return new Evaluation(m, DType.FLOAT64, STEP_FLOAT64);
        }
        Optional<AuditedModel> twin;
        try {
            twin = m.float64();
        } catch (RuntimeException ex) {
            twin = Optional.empty();
        }
        if (twin.isPresent()) {
            return new Evaluation(twin.get(), DType.FLOAT64, STEP_FLOAT64);
        }
        notes.add("The model has no float64 twin: the Lie derivative was computed in " + m.dtype() + " with step "
                + STEP_FLOAT32 + ", so values below about 1e-4 relative are round-off.");
        return new Evaluation(m, m.dtype(), STEP_FLOAT32);
    }

    /**
     * |(y(h) - y(-h)) / 2h| along every generator, Frobenius over all outputs, and last |(y(h) + y(-h)) / 2| of the
     * first generator, which is |f(x)| up to O(h^2). The 2 x generators transformed inputs
     * run as one stacked batch when the model keeps batch rows apart (verified or declared, as for the end-to-end
     * audit, and within {@code maxBatch}), else one forward pass each.
     *
     * @param single the shape of each output for one input, to split stacked outputs
     */
    private double[] derivatives(UnaryOperator<List<Tensor>> f, List<Action> in, List<Action> out, List<Tensor> x64,
                                 List<long[]> single, Evaluation e) {
        List<GroupElement> elements = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            elements.add(lie.exp(a, e.step));
            elements.add(lie.exp(a, -e.step));
        }
        List<Tensor> ys = stackedOutputs(f, in, x64, single, elements, e);
        List<GroupElement> inverses = elements.stream().map(GroupElement::inverse).toList();
        double[] sums = new double[names.size()];
        double middle = 0;
        for (int j = 0; j < ys.size(); j++) {
            Tensor y64 = ys.get(j).dtype() == DType.FLOAT64 ? ys.get(j) : ys.get(j).cast(DType.FLOAT64);
            List<Tensor> back = out.get(j).compared(out.get(j).applyStacked(inverses, y64)).slices();
            for (int a = 0; a < names.size(); a++) {
                sums[a] += back.get(2 * a).subtract(back.get(2 * a + 1)).sumOfSquares();
            }
            middle += back.get(0).add(back.get(1)).scale(0.5).sumOfSquares();
        }
        double[] d = new double[names.size() + 1];
        for (int a = 0; a < names.size(); a++) {
            d[a] = Math.sqrt(sums[a]) / (2 * e.step);
        }
        d[names.size()] = Math.sqrt(middle);
        return d;
    }

    /** f(rho_in(g_s) x) for every element, per output stacked as {@code (count, ...)}. */
    private List<Tensor> stackedOutputs(UnaryOperator<List<Tensor>> f, List<Action> in, List<Tensor> x64,
                                        List<long[]> single, List<GroupElement> elements, Evaluation e) {
        int count = elements.size();
        long rows = x64.get(0).rank() == 0 ? 0 : x64.get(0).shape()[0];
        if (context.evaluator.batching() && rows * count <= maxBatch) {
            List<Tensor> merged = new ArrayList<>();
            for (int k = 0; k < x64.size(); k++) {
                Tensor stacked = in.get(k).applyEach(elements, x64.get(k));
                merged.add(Uploads.inModelType(stacked.reshape(Stacks.merged(stacked.shape())), e.dtype));
            }
            List<Tensor> y = f.apply(merged);
            List<Tensor> split = new ArrayList<>();
            for (int j = 0; j < y.size() && j < single.size(); j++) {
                Tensor unmerged = Stacks.unmerge(y.get(j), single.get(j), count);
                if (unmerged == null) {
                    split = null;
                    break;
                }
                split.add(unmerged);
            }
            if (split != null && split.size() == single.size()) {
                return split;
            }
        }
        List<List<Tensor>> perElement = new ArrayList<>();
        for (GroupElement g : elements) {
            perElement.add(f.apply(moved(in, g, x64, e.dtype)));
        }
        List<Tensor> out = new ArrayList<>();
        for (int j = 0; j < perElement.get(0).size(); j++) {
            List<Tensor> column = new ArrayList<>();
            for (List<Tensor> y : perElement) {
                column.add(y.get(j).reshape(Stacks.withLeading(y.get(j).shape())));
            }
            out.add(model.backend().concat(column, 0));
        }
        return out;
    }

    /** rho_in(g) x for every input, in float64, then in the dtype the model computes in. */
    private static List<Tensor> moved(List<Action> in, GroupElement g, List<Tensor> x64, DType dtype) {
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < x64.size(); k++) {
            out.add(Uploads.inModelType(in.get(k).apply(g, x64.get(k)), dtype));
        }
        return out;
    }

    /**
     * Per layer, the Lie derivative of the layer alone on its input activation, largest relative first. Runs the
     * float64 layered view when the model has one, else the model's own with the float32 step.
     */
    private List<LieDerivativeResult.LayerContribution> perLayer(List<List<HostArray>> inputs, LayerAudit audit,
                                                                 List<String> notes) {
        if (context.inputActions.size() != 1) {
            notes.add("No per-layer Lie derivative: the model has several inputs.");
            return List.of();
        }
        Evaluation e = evaluation(model, new ArrayList<>());
        LayeredModel layered = e.model.layered().orElse(null);
        if (layered == null || !layered.runsLayersAlone()) {
            e = new Evaluation(model, model.dtype(), model.dtype() == DType.FLOAT64 ? STEP_FLOAT64 : STEP_FLOAT32);
            layered = audit.layered();
            if (!layered.runsLayersAlone()) {
                notes.add("No per-layer Lie derivative: the model's layers cannot be run one by one.");
                return List.of();
            }
            if (e.dtype != DType.FLOAT64) {
                notes.add("Per-layer Lie derivatives were computed in " + e.dtype + " with step " + STEP_FLOAT32
                        + ": the model's layers have no float64 twin.");
            }
        }
        final LayeredModel view = layered;
        List<Layer> layers = null;
        double[][] abs = null;
        double[][] rel = null;
        for (List<HostArray> input : inputs) {
            try (TensorScope scope = model.backend().openScope()) {
                Tensor x = Uploads.inModelType(Uploads.exact(model.backend(), input.get(0)), e.dtype);
                List<Tensor> acts = view.activations(List.of(x));
                if (layers == null) {
                    layers = view.layers();
                    abs = new double[layers.size()][names.size()];
                    rel = new double[layers.size()][names.size()];
                }
                for (int l = 0; l < layers.size() && l < acts.size(); l++) {
                    Action rhoIn = l == 0 ? context.inputActions.get(0) : audit.actionOf(l - 1);
                    Action rhoOut = audit.actionOf(l);
                    Tensor h = l == 0 ? x : acts.get(l - 1);
                    Tensor h64 = h.dtype() == DType.FLOAT64 ? h : h.cast(DType.FLOAT64);
                    final int index = l;
                    UnaryOperator<List<Tensor>> layer = xs -> {
                        forwardCalls++;
                        Optional<Tensor> y = view.runLayer(index, xs.get(0));
                        if (y.isEmpty()) {
                            throw new IllegalStateException("layer " + index + " cannot run alone");
                        }
                        return List.of(y.get());
                    };
                    double norm = Math.sqrt(comparedSumOfSquares(List.of(rhoOut), List.of(acts.get(l))));
                    double[] ds = derivatives(layer, List.of(rhoIn), List.of(rhoOut), List.of(h64),
                            List.of(acts.get(l).shape()), e);
                    for (int a = 0; a < names.size(); a++) {
                        double d = ds[a];
                        abs[l][a] = Math.max(abs[l][a], d);
                        rel[l][a] = Math.max(rel[l][a], norm > 0 ? d / norm : d == 0 ? 0 : Double.POSITIVE_INFINITY);
                    }
                }
            }
        }
        List<LieDerivativeResult.LayerContribution> out = new ArrayList<>();
        for (int l = 0; layers != null && l < layers.size(); l++) {
            int worst = 0;
            for (int a = 1; a < names.size(); a++) {
                if (rel[l][a] > rel[l][worst]) {
                    worst = a;
                }
            }
            out.add(new LieDerivativeResult.LayerContribution(layers.get(l).name(), layers.get(l).kind(),
                    names.get(worst), max(abs[l]), rel[l][worst]));
        }
        out.sort(Comparator.comparingDouble(LieDerivativeResult.LayerContribution::maxRelative).reversed());
        return out;
    }

    private static double comparedSumOfSquares(List<Action> outputs, List<Tensor> y) {
        double sum = 0;
        for (int j = 0; j < y.size(); j++) {
            Tensor y64 = y.get(j).dtype() == DType.FLOAT64 ? y.get(j) : y.get(j).cast(DType.FLOAT64);
            sum += outputs.get(j).compared(stacked(y64)).sumOfSquares();
        }
        return sum;
    }

    private static Tensor stacked(Tensor t) {
        return t.reshape(Stacks.withLeading(t.shape()));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Double.isNaN(d) || Double.isNaN(m) ? Double.NaN : Math.max(m, d);
        }
        return m;
    }
}
