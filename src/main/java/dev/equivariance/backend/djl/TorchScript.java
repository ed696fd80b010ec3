package dev.equivariance.backend.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.equivariance.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads TorchScript modules ({@code .pt} files saved with {@code torch.jit.save}) for auditing. */
public final class TorchScript {

    private TorchScript() {
    }

    /**
     * Loads a module on the PyTorch engine, with its parameters ready for gradients.
     *
     * @throws IllegalArgumentException naming the file and the problem when it cannot be loaded
     */
    public static TorchScriptModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No TorchScript file at " + file.toAbsolutePath()
                    + ": save the module with torch.jit.save(torch.jit.script(module), path)");
        }
        Model model = Model.newInstance(file.getFileName().toString(), "PyTorch");
        try {
            model.load(file.getParent() == null ? Path.of(".") : file.getParent(), file.getFileName().toString(),
                    Map.of("trainParam", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("Cannot load TorchScript module " + file + ": " + e.getMessage()
                    + ". Check that it was saved with torch.jit.save and a PyTorch version DJL can read", e);
        }
        DType dtype = DType.FLOAT32;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            DataType t = p.getValue().getArray().getDataType();
            if (DjlTypes.fromDjl(t) != null) {
                dtype = DjlTypes.fromDjl(t);
                break;
            }
        }
        return new TorchScriptModel(file.getFileName().toString(), model, new DjlBackend(), dtype);
    }
}
