package dev.equivariance.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.equivariance.tensor.Layer;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The layers of a DJL {@link SequentialBlock}: its children in order, nested sequential blocks flattened (named
 * {@code parent/child}). Each layer can be run alone, so the audit can test it in isolation.
 */
final class DjlLayers implements LayeredModel {

    private static final Set<String> ACTIVATIONS = Set.of("relu", "relu6", "sigmoid", "tanh", "softplus", "gelu",
            "swish", "mish", "elu", "selu", "leakyrelu", "softsign", "silu", "hardtanh", "hardsigmoid");

    private final DjlModel model;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();

    private DjlLayers(DjlModel model) {
        this.model = model;
    }

    /** The layers of a sequential block, or empty for other blocks (they are audited end to end only). */
    static Optional<LayeredModel> of(DjlModel model) {
        if (!(model.block() instanceof SequentialBlock seq)) {
            return Optional.empty();
        }
        DjlLayers l = new DjlLayers(model);
        l.flatten("", seq);
        return l.layers.size() < 2 ? Optional.empty() : Optional.of(l);
    }

    private void flatten(String prefix, SequentialBlock seq) {
        for (Pair<String, Block> child : seq.getChildren()) {
            String name = prefix + child.getKey();
            if (child.getValue() instanceof SequentialBlock nested) {
                flatten(name + "/", nested);
            } else {
                Block b = child.getValue();
                String kind = kind(b);
                layers.add(new Layer(name, kind, ACTIVATIONS.contains(kind.toLowerCase(Locale.ROOT)),
                        b instanceof BatchNorm, padding(b)));
                blocks.add(child.getValue());
            }
        }
    }

    /** DJL convolutions pad with zeros: "zeros" when the padding is not 0, else null (also for other blocks). */
    private static String padding(Block b) {
        if (b instanceof Convolution conv && conv.getPadding() != null) {
            for (long p : conv.getPadding().getShape()) {
                if (p != 0) {
                    return "zeros";
                }
            }
        }
        return null;
    }

    /** The class name, or for a lambda block its name (DJL names activation lambdas, e.g. {@code relu}). */
    private static String kind(Block b) {
        if (b instanceof LambdaBlock lambda) {
            String name = lambda.getName();
            return name == null || name.isBlank() || name.equals("anonymous") ? "LambdaBlock" : name.trim();
        }
        return b.getClass().getSimpleName();
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public List<Tensor> activations(List<Tensor> inputs) {
        NDList current = new NDList();
        for (Tensor t : inputs) {
            current.add(DjlBackend.unwrap(t));
        }
        ParameterStore ps = model.parameterStore();
        List<Tensor> out = new ArrayList<>();
        try (ParameterCopies.Swapped s = model.swapIn(); NoGrad off = NoGrad.enter(model.djlBackend())) {
            for (Block b : blocks) {
                current = b.forward(ps, current, model.training());
                out.add(model.adopt(current.get(0), inputs));
            }
        }
        return out;
    }

    @Override
    public Optional<List<List<Tensor>>> runPerturbed(List<Tensor> inputs, int index,
                                                      java.util.function.UnaryOperator<Tensor> perturbation) {
        NDList current = new NDList();
        for (Tensor t : inputs) {
            current.add(DjlBackend.unwrap(t));
        }
        ParameterStore ps = model.parameterStore();
        List<Tensor> acts = new ArrayList<>();
        Tensor planted = null;
        try (ParameterCopies.Swapped s = model.swapIn(); NoGrad off = NoGrad.enter(model.djlBackend())) {
            for (int i = 0; i < blocks.size(); i++) {
                current = blocks.get(i).forward(ps, current, model.training());
                if (i == index) {
                    planted = perturbation.apply(model.adopt(current.get(0), inputs));
                    NDList changed = new NDList();
                    changed.add(DjlBackend.unwrap(planted));
                    for (int j = 1; j < current.size(); j++) {
                        changed.add(current.get(j));
                    }
                    current = changed;
                    acts.add(planted);
                } else {
                    acts.add(model.adopt(current.get(0), inputs));
                }
            }
        }
        List<Tensor> outputs = new ArrayList<>();
        for (int j = 0; j < current.size(); j++) {
            outputs.add(j == 0 ? acts.get(acts.size() - 1) : model.adopt(current.get(j), inputs));
        }
        return Optional.of(List.of(outputs, acts));
    }

    @Override
    public Optional<Tensor> runLayer(int index, Tensor input) {
        NDArray in = DjlBackend.unwrap(input);
        try (ParameterCopies.Swapped s = model.swapIn(); NoGrad off = NoGrad.enter(model.djlBackend())) {
            NDList out = blocks.get(index).forward(model.parameterStore(), new NDList(in), model.training());
            return Optional.of(model.adopt(out.get(0), List.of(input)));
        }
    }
}
