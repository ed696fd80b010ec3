package dev.equivariance.backend.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DifferentiableModel;
import dev.equivariance.tensor.LayeredModel;
import java.util.Optional;

/**
 * An ONNX model run by DJL's ONNX Runtime engine: audited end to end (forward passes only; ONNX Runtime computes no
 * gradients and exposes no layers). Outputs are copied to the PyTorch engine, where the audit's tensor operations
 * run.
 */
public final class OnnxModel extends DjlModel {

    private final Model model;

    OnnxModel(String name, Model model, DjlBackend backend) {
        super(name, model.getBlock(), backend, DType.FLOAT32, false);
        this.model = model;
    }

    @Override
    NDList runBlock(NDList in) {
        NDList out = super.runBlock(in);
        NDList copied = new NDList();
        for (NDArray o : out) {
            copied.add(djlBackend().current().from(o));
            o.close();
        }
        return copied;
    }

    @Override
    public Optional<Boolean> normalisesOverBatch() {
        // op types are plain strings in the protobuf: a node of type BatchNormalization names itself
        return Optional.of(model.getModelPath() != null && ArchiveText.fileContains(model.getModelPath()
                .resolve(name()), "BatchNormalization"));
    }

    @Override
    public String kind() {
        return "ONNX model";
    }

    @Override
    public Optional<LayeredModel> layered() {
        return Optional.empty();
    }

    @Override
    public Optional<DifferentiableModel> differentiable() {
        return Optional.empty();
    }

    @Override
    public Optional<AuditedModel> float64() {
        return Optional.empty();
    }

    @Override
    public void close() {
        super.close();
        model.close();
    }
}
