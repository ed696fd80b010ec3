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

    /**
     * DJL's PyTorch gradient collector is process-wide: a second one opened while another collects throws. Gradient
     * passes of all DJL models therefore take turns on this lock (forward passes do not need it).
     */
    private static final Object COLLECTOR = new Object();

    @Override
    public Gradients gradients(List<Tensor> inputs, Loss loss) {
        synchronized (COLLECTOR) {
            return collect(inputs, loss);
        }
    }

    private Gradients collect(List<Tensor> inputs, Loss loss) {
        DjlBackend backend = model.djlBackend();
        ParameterCopies swap = model.placedParameters();
        try (ParameterCopies.Swapped swapped = model.swapIn();
             GradientCollector collector = newCollector()) {
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
                inputGrads.add(backend.own(x.getDataType().isFloating() ? x.getGradient().duplicate()
                        : x.zerosLike().toType(ai.djl.ndarray.types.DataType.FLOAT64, false)));
            }
            Map<String, Tensor> paramGrads = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                NDArray array = swap != null ? swap.copyOf(p.getValue()) : p.getValue().getArray();
                if (array != null && array.hasGradient()) {
                    // the handle DJL returns for a gradient lives in the parameter's manager: move it into the
                    // audit's scope, so that it (and what zeroing it allocates) is freed with the scope
                    NDArray grad = array.getGradient();
                    grad.attach(backend.current());
                    paramGrads.put(p.getKey(), backend.own(grad.duplicate()));
                    zero(grad);
                }
            }
            return new Gradients(lossValue, inputGrads, paramGrads);
        }
    }

    /**
     * Zeroes a parameter's gradient in place for the next pass (libtorch accumulates): set, not subtracted from itself
     * (Inf - Inf would leave NaN behind in every later gradient of the parameter). The gradient handle is in the
     * audit's scope, so the scalar the assignment allocates is freed with it.
     */
    private static void zero(NDArray grad) {
        grad.set(new ai.djl.ndarray.index.NDIndex("..."), 0);
    }

    /** A gradient collector; a clear error when one is already open elsewhere in the process (the user's own). */
    private static GradientCollector newCollector() {
        try {
            return DjlBackend.arrayEngine().newGradientCollector();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("already collecting")) {
                throw new IllegalStateException("Another DJL GradientCollector is open in this process (DJL allows "
                        + "one at a time, process-wide): close it before the gradient audit runs, or do not train in "
                        + "the same JVM while auditing gradients", e);
            }
            throw e;
        }
    }
}
