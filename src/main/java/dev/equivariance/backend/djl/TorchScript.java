package dev.equivariance.backend.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.DeviceSelection;
import dev.equivariance.tensor.DeviceSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads TorchScript modules ({@code .pt} files saved with {@code torch.jit.save}) for auditing. */
public final class TorchScript {

    private TorchScript() {
    }

    /**
     * Loads a module on the PyTorch engine's default device (a GPU when CUDA natives and a GPU are present), with its
     * parameters ready for gradients. An audit moves it to the device it asks for.
     *
     * @throws IllegalArgumentException naming the file and the problem when it cannot be loaded
     */
    public static TorchScriptModel load(Path file) {
        return load(file, DjlBackend.arrayEngine().defaultDevice());
    }

    /**
     * Loads a module on a device: {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"} or {@code "auto"}.
     *
     * @throws dev.equivariance.tensor.DeviceUnavailableException when CUDA is asked for and not available
     * @throws IllegalArgumentException naming the file and the problem when it cannot be loaded
     */
    public static TorchScriptModel load(Path file, String device) {
        DeviceSelection s = DeviceSelector.select(DeviceRequest.parse(device), DjlDevices.inventory());
        return load(file, DjlDevices.toDjl(s.device()));
    }

    static TorchScriptModel load(Path file, Device device) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No TorchScript file at " + file.toAbsolutePath()
                    + ": save the module with torch.jit.save(torch.jit.script(module), path)");
        }
        Model model = Model.newInstance(file.getFileName().toString(), device, "PyTorch");
        try {
            model.load(file.getParent() == null ? Path.of(".") : file.getParent(), file.getFileName().toString(),
                    Map.of("trainParam", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("Cannot load TorchScript module " + file + " on " + device + ": "
                    + e.getMessage() + ". Check that it was saved with torch.jit.save and a PyTorch version DJL can "
                    + "read", e);
        }
        DType dtype = DType.FLOAT32;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            DataType t = p.getValue().getArray().getDataType();
            if (DjlTypes.fromDjl(t) != null && !DjlTypes.fromDjl(t).isInteger()) {
                dtype = DjlTypes.fromDjl(t);
                break;
            }
        }
        return new TorchScriptModel(file, model, new DjlBackend(device), dtype);
    }
}
