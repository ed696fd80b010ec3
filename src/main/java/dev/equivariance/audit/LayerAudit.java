package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Layer;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layer-wise audit: for every layer, the error of the activation after it along the network
 * (act(g x) vs rho(g) act(x)) and, where the layer can run alone, of the layer in isolation
 * (layer(rho_in(g) h) vs rho_out(g) layer(h)). The action on each activation is declared by the user or inferred
 * from the candidates, in order, the input's action, the output's action and the trivial action: the first that fits
 * the activation's shape and explains it within tolerance, or, when none does (a broken layer), the first that fits
 * its shape. The first layer whose error is broken is the one that breaks equivariance. Layers run alone only from
 * the first activation that breaks: before it, equivariant activations along the network imply equivariant layers.
 */
final class LayerAudit {

    /** The chosen action of one activation and whether it was declared or inferred. */
    private record Choice(Action action, String label) {
    }

    private final AuditSpec spec;
    private final AuditedModel model;
    private final LayeredModel layered;
    private final ShapeContext context;
    private final Tolerance tolerance;
    private final List<String> notes = new ArrayList<>();
    private boolean batched;
    private boolean skippedAlone;
    private List<Choice> chosen = List.of();

    LayerAudit(AuditSpec spec, AuditedModel model, LayeredModel layered, ShapeContext context, Tolerance tolerance) {
        this.spec = spec;
        this.model = model;
        this.layered = layered;
        this.context = context;
        this.tolerance = tolerance;
        // the same rule as the end-to-end audit: stack only along a declared or verified batch axis
        this.batched = context.evaluator.batching();
    }

    List<String> notes() {
        return notes;
    }

    /** The action chosen for the activation after layer {@code index} (after {@link #run}). */
    Action actionOf(int index) {
        return chosen.get(index).action();
    }

    /** The layered view audited. */
    LayeredModel layered() {
        return layered;
    }

    /** Runs the audit on the given inputs (of the context's shapes) and elements. */
    List<LayerResult> run(List<List<HostArray>> inputs, List<GroupElement> elements) {
        List<Layer> layers = null;
        int n = 0;
        double[] propagated = null;
        double[] local = null;
        List<Choice> choices = null;
        boolean localPossible = context.inputActions.size() == 1 && layered.runsLayersAlone();
        if (context.inputActions.size() != 1) {
            notes.add("Layers were not run alone: the model has several inputs.");
        }
        int count = elements.size();
        for (List<HostArray> input : inputs) {
            try (TensorScope scope = model.backend().openScope()) {
                List<Tensor> x64 = new ArrayList<>();
                for (HostArray h : input) {
                    x64.add(Uploads.exact(model.backend(), h));
                }
                List<Tensor> acts = layered.activations(cast(x64));
                if (layers == null) {
                    layers = layered.layers();
                    n = layers.size();
                    propagated = new double[n];
                    local = new double[n];
                    Arrays.fill(local, Double.NaN);
                }
                List<Tensor> stackedInputs = new ArrayList<>();
                for (int k = 0; k < x64.size(); k++) {
                    stackedInputs.add(Uploads.inModelType(context.inputActions.get(k).applyEach(elements, x64.get(k)),
                            model.dtype()));
                }
                List<Tensor> actsG = stackedActivations(stackedInputs, acts, count);
                Map<Integer, Tensor> tried = new java.util.HashMap<>();
                if (choices == null) {
                    choices = choose(layers, acts, actsG, elements, tried);
                }
                // the input of layer l moved by the elements: the transformed inputs, then each layer's expected stack
                Tensor moved = stackedInputs.get(0);
                boolean broken = false;
                for (int l = 0; l < n; l++) {
                    Action rho = choices.get(l).action();
                    Tensor expected = tried.containsKey(l) ? tried.get(l) : transformed(rho, elements, acts.get(l));
                    double[] norms = expectedNorms(rho, acts.get(l), expected, count);
                    double error = maxSliceError(rho, actsG.get(l), expected, norms);
                    propagated[l] = max(propagated[l], error);
                    // while every activation so far is equivariant, each layer is: running it alone adds nothing
                    broken |= !tolerance.passes(error);
                    skippedAlone |= localPossible && !broken;
                    if (localPossible && broken) {
                        Tensor in = moved.dtype() == model.dtype() ? moved : moved.cast(model.dtype());
                        Optional<Tensor> y = runLayerStacked(l, in, count);
                        if (y.isPresent()) {
                            local[l] = max(Double.isNaN(local[l]) ? 0 : local[l],
                                    maxSliceError(rho, y.get(), expected, norms));
                        }
                    }
                    moved = expected;
                }
            }
        }
        chosen = choices == null ? List.of() : choices;
        if (skippedAlone) {
            notes.add("Layers were run alone only from the first activation that breaks equivariance: before it, every "
                    + "activation along the network is equivariant, which implies that each layer is.");
        }
        List<LayerResult> results = new ArrayList<>();
        boolean found = false;
        for (int l = 0; l < n; l++) {
            double judged = Double.isNaN(local[l]) ? propagated[l] : local[l];
            Level level = tolerance.classify(judged);
            boolean first = !found && level == Level.BROKEN;
            found |= first;
            results.add(new LayerResult(layers.get(l).name(), layers.get(l).kind(), local[l], propagated[l],
                    choices == null ? "" : choices.get(l).label(), level, first));
        }
        return results;
    }

    /**
     * The activations of the transformed inputs, stacked per layer as {@code (count, ...)}: one pass over the stacked
     * batch when the model keeps batch rows apart, else one pass per element.
     */
    private List<Tensor> stackedActivations(List<Tensor> stacked, List<Tensor> acts, int count) {
        if (batched) {
            List<Tensor> flat = new ArrayList<>();
            for (Tensor t : stacked) {
                flat.add(t.reshape(Stacks.merged(t.shape())));
            }
            List<Tensor> out = layered.activations(flat);
            List<Tensor> split = new ArrayList<>();
            for (int l = 0; l < out.size(); l++) {
                Tensor unmerged = Stacks.unmerge(out.get(l), acts.get(l).shape(), count);
                if (unmerged == null) {
                    split = null;
                    break;
                }
                split.add(unmerged);
            }
            if (split != null) {
                return split;
            }
            batched = false;
        }
        List<List<Tensor>> perElement = new ArrayList<>();
        long[] ones = new long[count];
        Arrays.fill(ones, 1);
        List<List<Tensor>> slices = new ArrayList<>();
        for (Tensor t : stacked) {
            slices.add(model.backend().split(t, 0, ones));
        }
        for (int s = 0; s < count; s++) {
            List<Tensor> in = new ArrayList<>();
            for (int k = 0; k < stacked.size(); k++) {
                long[] shape = stacked.get(k).shape();
                in.add(slices.get(k).get(s).reshape(Arrays.copyOfRange(shape, 1, shape.length)));
            }
            perElement.add(layered.activations(in));
        }
        List<Tensor> out = new ArrayList<>();
        for (int l = 0; l < acts.size(); l++) {
            List<Tensor> column = new ArrayList<>();
            for (List<Tensor> a : perElement) {
                column.add(a.get(l).reshape(Stacks.withLeading(a.get(l).shape())));
            }
            out.add(model.backend().concat(column, 0));
        }
        return out;
    }

    /** Runs one layer on a stack of inputs, batched when possible; outputs stacked as {@code (count, ...)}. */
    private Optional<Tensor> runLayerStacked(int layer, Tensor stacked, int count) {
        long[] shape = stacked.shape();
        if (batched) {
            Optional<Tensor> y = layered.runLayer(layer, stacked.reshape(Stacks.merged(shape)));
            if (y.isEmpty()) {
                return y;
            }
            long rows = shape[1];
            long[] ys = y.get().shape();
            if (ys.length > 0 && ys[0] == rows * count) {
                long[] single = ys.clone();
                single[0] = rows;
                return Optional.ofNullable(Stacks.unmerge(y.get(), single, count));
            }
        }
        long[] ones = new long[count];
        Arrays.fill(ones, 1);
        List<Tensor> slices = model.backend().split(stacked, 0, ones);
        List<Tensor> out = new ArrayList<>();
        for (Tensor slice : slices) {
            Optional<Tensor> y = layered.runLayer(layer, slice.reshape(Arrays.copyOfRange(shape, 1, shape.length)));
            if (y.isEmpty()) {
                return y;
            }
            out.add(y.get().reshape(Stacks.withLeading(y.get().shape())));
        }
        return Optional.of(model.backend().concat(out, 0));
    }

    /**
     * The stack {@code rho(g_s) h}: index actions move values exactly, so they act in the activation's own dtype;
     * arithmetic actions act in float64.
     */
    private static Tensor transformed(Action rho, List<GroupElement> elements, Tensor h) {
        return rho.compared(rho.applyEach(elements, rho.exactInAnyDtype() ? h : h.cast(DType.FLOAT64)));
    }

    /** ||rho(g_s) h||^2 per slice: ||h||^2 for every slice when the action keeps norms. */
    private static double[] expectedNorms(Action rho, Tensor h, Tensor expected, int count) {
        if (rho.preservesNorm()) {
            double[] norms = new double[count];
            Arrays.fill(norms, h.sumOfSquares());
            return norms;
        }
        return expected.sliceSumOfSquares();
    }

    /**
     * The worst relative error over the slices of two stacks, in the expected stack's dtype (float64 unless the
     * action is exact, when the model's dtype loses nothing).
     */
    private static double maxSliceError(Action rho, Tensor actual, Tensor expected, double[] expectedNorms) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        Tensor a = rho.compared(actual.dtype() == expected.dtype() ? actual : actual.cast(expected.dtype()));
        double[] dd = a.subtract(expected).sliceSumOfSquares();
        double worst = 0;
        for (int s = 0; s < dd.length; s++) {
            worst = max(worst, PairError.of(0, dd[s], expectedNorms[s]).relative());
        }
        return worst;
    }

    /**
     * For every activation: the declared action, the model's output action for the last one, else the best fit. The
     * transformed activations of the chosen candidates go into {@code tried}, so they are not computed again.
     */
    private List<Choice> choose(List<Layer> layers, List<Tensor> acts, List<Tensor> actsG,
                                List<GroupElement> elements, Map<Integer, Tensor> tried) {
        List<Choice> out = new ArrayList<>();
        List<Action> outputs = context.evaluator.outputActions();
        for (int l = 0; l < layers.size(); l++) {
            long[] shape = acts.get(l).shape();
            Action declared = spec.layerActions().get(layers.get(l).name());
            if (declared != null) {
                out.add(new Choice(bind(declared, shape, layers.get(l).name(), true), declared.describe() + " (declared)"));
                continue;
            }
            if (l == layers.size() - 1 && outputs != null && outputs.size() == 1
                    && Arrays.equals(shape, context.evaluator.outputShape(0))) {
                out.add(new Choice(outputs.get(0), outputs.get(0).describe()));
                continue;
            }
            Map<String, Action> candidates = new LinkedHashMap<>();
            candidates.put(spec.inputs().get(0).action().describe(), spec.inputs().get(0).action());
            // differences of positions (edge vectors) turn like vectors and ignore translations: the dual action
            Action dual = spec.inputs().get(0).action().dual();
            candidates.putIfAbsent(dual.describe(), dual);
            if (outputs != null && outputs.size() == 1) {
                candidates.putIfAbsent(outputs.get(0).describe(), spec.outputs().isEmpty() ? outputs.get(0)
                        : spec.outputs().get(0));
            }
            candidates.putIfAbsent("trivial", Actions.trivial());
            Action best = null;
            Action firstFitting = null;
            for (Action c : candidates.values()) {
                Action bound = bind(c, shape, layers.get(l).name(), false);
                if (bound == null) {
                    continue;
                }
                if (firstFitting == null) {
                    firstFitting = bound;
                }
                Tensor expected = transformed(bound, elements, acts.get(l));
                double err = maxSliceError(bound, actsG.get(l), expected, expectedNorms(bound, acts.get(l), expected,
                        elements.size()));
                if (tolerance.passes(err)) {
                    best = bound;
                    tried.put(l, expected);
                    break;
                }
            }
            if (best == null) {
                // nothing explains a broken activation: assume the action of the activation before it when it fits
                // (a layer that keeps its input's shape usually keeps its action), else the first that fits
                Action previous = l == 0 ? null : bind(out.get(l - 1).action(), shape, layers.get(l).name(), false);
                best = previous != null ? previous : firstFitting != null ? firstFitting : Actions.trivial();
            }
            out.add(new Choice(best, best.describe() + " (inferred)"));
        }
        return out;
    }

    private Action bind(Action action, long[] shape, String layer, boolean strict) {
        try {
            return action.bind(shape, context.group);
        } catch (IllegalArgumentException e) {
            if (strict) {
                throw new AuditException("The action declared for layer " + layer + " does not fit its activation of "
                        + "shape " + Arrays.toString(shape) + ": " + e.getMessage(), e);
            }
            return null;
        }
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    private List<Tensor> cast(List<Tensor> x64) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : x64) {
            out.add(Uploads.inModelType(t, model.dtype()));
        }
        return out;
    }
}
