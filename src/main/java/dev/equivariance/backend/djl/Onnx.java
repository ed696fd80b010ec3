package dev.equivariance.backend.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import dev.equivariance.tensor.DeviceInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads ONNX models for forward-only audits (needs {@code ai.djl.onnxruntime:onnxruntime-engine}). */
public final class Onnx {

    private Onnx() {
    }

    /**
     * Loads an {@code .onnx} file on the ONNX Runtime engine.
     *
     * @throws IllegalArgumentException naming the file and the problem when it cannot be loaded
     */
    public static OnnxModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No ONNX file at " + file.toAbsolutePath());
        }
        Model model;
        try {
            model = Model.newInstance(file.getFileName().toString(), Device.cpu(), "OnnxRuntime");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The ONNX Runtime engine is not available: add "
                    + "ai.djl.onnxruntime:onnxruntime-engine to the test class path (" + e.getMessage() + ")", e);
        }
        try {
            model.load(file.toAbsolutePath().getParent(), file.getFileName().toString());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("Cannot load ONNX model " + file + ": " + e.getMessage(), e);
        }
        return new OnnxModel(file.getFileName().toString(), model, new DjlBackend(Device.cpu(),
                DeviceInventory.cpuOnly("ONNX models run on ONNX Runtime's CPU execution provider here (audit the "
                        + "model exported as TorchScript to use a GPU)")));
    }
}
