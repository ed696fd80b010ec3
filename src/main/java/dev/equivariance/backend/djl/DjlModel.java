package dev.equivariance.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/** A DJL {@link Block} (a plain block, the block of a {@code Model}, or a TorchScript module) seen by the audit. */
final class DjlModel implements AuditedModel {

    private final String name;
    private final Block block;
    private final DjlBackend backend;
    private final DType dtype;
    private final NDManager parameterManager;
    private final ParameterStore parameters;
    private final boolean training;

    DjlModel(String name, Block block, DjlBackend backend, DType dtype, NDManager ownedParameterManager,
             boolean training) {
        this.name = name;
        this.block = block;
        this.backend = backend;
        this.dtype = dtype;
        this.parameterManager = ownedParameterManager;
        this.parameters = new ParameterStore(backend.current(), false);
        this.training = training;
    }

    Block block() {
        return block;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TensorBackend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public String mode() {
        return training ? "training" : "eval";
    }

    @Override
    public List<Tensor> forward(List<Tensor> inputs) {
        NDList in = new NDList();
        for (Tensor t : inputs) {
            in.add(DjlBackend.unwrap(t));
        }
        NDList out = block.forward(parameters, in, training);
        NDManager scope = backend.current();
        List<Tensor> result = new ArrayList<>(out.size());
        for (NDArray o : out) {
            boolean isInput = in.stream().anyMatch(i -> i == o);
            result.add(!isInput && isUnder(o.getManager(), scope) ? backend.own(o) : backend.copyOf(o));
        }
        return result;
    }

    /** Whether an array's manager is the scope or one of its descendants (so the audit may own the array). */
    private static boolean isUnder(NDManager manager, NDManager scope) {
        for (NDManager m = manager; m != null; m = m.getParentManager()) {
            if (m == scope) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (parameterManager != null) {
            parameterManager.close();
        }
        backend.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
