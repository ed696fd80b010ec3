package dev.equivariance.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.equivariance.tensor.DifferentiableModel;
import dev.equivariance.tensor.Gradients;
import dev.equivariance.tensor.Loss;
import dev.equivariance.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Input and parameter gradients of a DJL block through DJL's {@link GradientCollector}. */
final class DjlGradients implements DifferentiableModel {

    private final DjlModel model;

    DjlGradients(DjlModel model) {
        this.model = model;
    }

    @Override
    public Gradients gradients(List<Tensor> inputs, Loss loss) {
        DjlBackend backend = model.djlBackend();
        ParameterCopies swap = model.placedParameters();
        try (ParameterCopies.Swapped swapped = model.swapIn();
             GradientCollector collector = DjlBackend.arrayEngine().newGradientCollector()) {
            NDList in = new NDList();
            for (Tensor t : inputs) {
                NDArray x = DjlBackend.unwrap(t).duplicate();
                if (x.getDataType().isFloating()) {
                    x.setRequiresGradient(true); // integer inputs (graph indices) have no gradient
                }
                in.add(x);
            }
            NDList out = model.runForGradients(in);
            List<Tensor> outputs = new ArrayList<>();
            for (NDArray o : out) {
                outputs.add(backend.view(o));
            }
            NDArray l = DjlBackend.unwrap(loss.apply(outputs));
            collector.backward(l);
            double lossValue = l.toType(ai.djl.ndarray.types.DataType.FLOAT64, true).getDouble();
            List<Tensor> inputGrads = new ArrayList<>();
            for (NDArray x : in) {
                // an integer input (graph indices) has no gradient: zeros, which every dual action keeps
                inputGrads.add(backend.copyOf(x.getDataType().isFloating() ? x.getGradient()
                        : x.zerosLike().toType(ai.djl.ndarray.types.DataType.FLOAT64, false)));
            }
            Map<String, Tensor> paramGrads = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                NDArray array = swap != null ? swap.copyOf(p.getValue()) : p.getValue().getArray();
                if (array != null && array.hasGradient()) {
                    NDArray grad = array.getGradient();
                    paramGrads.put(p.getKey(), backend.copyOf(grad));
                    // zero it for the next pass: set, not subtracted from itself (Inf - Inf would leave NaN behind
                    // in every later gradient of the parameter)
                    grad.set(new ai.djl.ndarray.index.NDIndex("..."), 0);
                }
            }
            return new Gradients(lossValue, inputGrads, paramGrads);
        }
    }
}
