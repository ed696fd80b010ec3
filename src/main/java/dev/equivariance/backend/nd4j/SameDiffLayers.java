package dev.equivariance.backend.nd4j;

import dev.equivariance.tensor.Layer;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;

/**
 * The layers of a SameDiff graph: by default every op whose output depends on the inputs, in execution order, named
 * after its (first floating-point) output variable and typed by the op's name ({@code matmul}, {@code relu}, ...);
 * or the variables the user named with {@link SameDiffModel#layers}. All activations are fetched by name in one
 * forward pass. An op cannot be run alone on a substituted input (SameDiff evaluates whole graphs from their
 * placeholders), so the audit judges each layer by the activation after it along the network.
 */
final class SameDiffLayers implements LayeredModel {

    private static final Set<String> ACTIVATIONS = Set.of("relu", "relu6", "sigmoid", "tanh", "softplus", "gelu",
            "swish", "mish", "elu", "selu", "leakyrelu", "softsign", "hardtanh", "hardsigmoid", "rationaltanh",
            "rectifiedtanh");

    private final SameDiffModel model;
    private final List<Layer> layers;
    private final List<String> names;

    private SameDiffLayers(SameDiffModel model, List<Layer> layers, List<String> names) {
        this.model = model;
        this.layers = layers;
        this.names = names;
    }

    /** The layers of the model, or empty when fewer than two ops are computed from the inputs. */
    static Optional<LayeredModel> of(SameDiffModel model) {
        SameDiff graph = model.graph();
        List<Layer> layers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (model.layerNames() != null) {
            for (String n : model.layerNames()) {
                String producer = graph.getVariables().get(n).getOutputOfOp();
                String kind = producer == null ? graph.getVariable(n).getVariableType().toString()
                        : graph.getOps().get(producer).getOp().opName();
                layers.add(layer(n, kind));
                names.add(n);
            }
            return Optional.of(new SameDiffLayers(model, layers, names));
        }
        for (SameDiffOp op : GraphSignature.opsDependingOn(graph, model.inputNames())) {
            String out = GraphSignature.firstFloatingOutput(graph, op);
            if (out != null) {
                layers.add(layer(out, op.getOp().opName()));
                names.add(out);
            }
        }
        return layers.size() < 2 ? Optional.empty() : Optional.of(new SameDiffLayers(model, layers, names));
    }

    private static Layer layer(String name, String kind) {
        return new Layer(name, kind, ACTIVATIONS.contains(kind.toLowerCase(Locale.ROOT)),
                kind.toLowerCase(Locale.ROOT).startsWith("batchnorm"), null);
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public List<Tensor> activations(List<Tensor> inputs) {
        return model.fetch(inputs, names);
    }

    @Override
    public Optional<Tensor> runLayer(int index, Tensor input) {
        return Optional.empty();
    }

    @Override
    public boolean runsLayersAlone() {
        return false;
    }
}
