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
 * its shape. The first layer whose error is broken is the one that breaks equivariance.
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
    private List<Choice> chosen = List.of();

    LayerAudit(AuditSpec spec, AuditedModel model, LayeredModel layered, ShapeContext context, Tolerance tolerance) {
        this.spec = spec;
        this.model = model;
        this.layered = layered;
        this.context = context;
        this.tolerance = tolerance;
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
        boolean localPossible = context.inputActions.size() == 1;
        if (!localPossible) {
            notes.add("The first layer was not tested alone: the model has several inputs.");
        }
        for (List<HostArray> input : inputs) {
            try (TensorScope scope = model.backend().openScope()) {
                List<Tensor> x64 = new ArrayList<>();
                for (HostArray h : input) {
                    x64.add(model.backend().fromDoubles(h.data(), h.shape(), DType.FLOAT64));
                }
                List<Tensor> acts = layered.activations(cast(x64));
                if (layers == null) {
                    layers = layered.layers();
                    n = layers.size();
                    propagated = new double[n];
                    local = new double[n];
                    Arrays.fill(local, Double.NaN);
                }
                List<List<Tensor>> actsG = new ArrayList<>();
                for (GroupElement g : elements) {
                    List<Tensor> gx = new ArrayList<>();
                    for (int k = 0; k < x64.size(); k++) {
                        gx.add(context.inputActions.get(k).apply(g, x64.get(k)).cast(model.dtype()));
                    }
                    actsG.add(layered.activations(gx));
                }
                if (choices == null) {
                    choices = choose(layers, acts, actsG, elements);
                }
                for (int l = 0; l < n; l++) {
                    Action rho = choices.get(l).action();
                    Tensor a64 = acts.get(l).cast(DType.FLOAT64);
                    for (int e = 0; e < elements.size(); e++) {
                        GroupElement g = elements.get(e);
                        Tensor expected = rho.apply(g, a64);
                        propagated[l] = max(propagated[l], error(actsG.get(e).get(l), expected));
                        if (localPossible) {
                            Action before = l == 0 ? context.inputActions.get(0) : choices.get(l - 1).action();
                            Tensor h64 = l == 0 ? x64.get(0) : acts.get(l - 1).cast(DType.FLOAT64);
                            Optional<Tensor> y = layered.runLayer(l, before.apply(g, h64).cast(model.dtype()));
                            if (y.isPresent()) {
                                local[l] = max(Double.isNaN(local[l]) ? 0 : local[l], error(y.get(), expected));
                            }
                        }
                    }
                }
            }
        }
        chosen = choices == null ? List.of() : choices;
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

    /** For every activation: the declared action, the model's output action for the last one, else the best fit. */
    private List<Choice> choose(List<Layer> layers, List<Tensor> acts, List<List<Tensor>> actsG,
                                List<GroupElement> elements) {
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
                double err = 0;
                Tensor a64 = acts.get(l).cast(DType.FLOAT64);
                for (int e = 0; e < elements.size(); e++) {
                    err = max(err, error(actsG.get(e).get(l), bound.apply(elements.get(e), a64)));
                }
                if (tolerance.passes(err)) {
                    best = bound;
                    break;
                }
            }
            if (best == null) {
                best = firstFitting != null ? firstFitting : Actions.trivial();
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

    private static double error(Tensor actual, Tensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        return Closeness.error(actual, expected).relative();
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    private List<Tensor> cast(List<Tensor> x64) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : x64) {
            out.add(model.dtype() == DType.FLOAT64 ? t : t.cast(model.dtype()));
        }
        return out;
    }
}
