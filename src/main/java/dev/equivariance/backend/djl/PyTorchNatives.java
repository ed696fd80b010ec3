package dev.equivariance.backend.djl;

import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the loaded libtorch natives are: their flavor ({@code cpu}, {@code cu124}, ...) and thread count. Touches
 * PyTorch engine classes, so it is only called when the PyTorch engine is the array engine.
 */
final class PyTorchNatives {

    private PyTorchNatives() {
    }

    /**
     * The flavor of the natives in use, read from the directory DJL extracted them to (e.g.
     * {@code 2.7.1-20250812-cpu-linux-x86_64}), or empty when it cannot be told (natives from a custom path).
     */
    static Optional<String> flavor() {
        try {
            String path = LibUtils.getLibtorchPath();
            if (path == null) {
                return Optional.empty();
            }
            Path name = Path.of(path).getFileName();
            return name == null ? Optional.empty() : flavorOf(name.toString());
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The flavor token of a natives directory name: {@code cpu}, {@code cpu-precxx11} or {@code cuNNN}. */
    static Optional<String> flavorOf(String directory) {
        for (String token : directory.split("-")) {
            if (token.equals("cpu") || token.matches("cu\\d+.*")) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    /** libtorch's intra-op thread count, or -1 when it cannot be read. */
    static int threads() {
        try {
            return JniUtils.getNumThreads();
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }
}
