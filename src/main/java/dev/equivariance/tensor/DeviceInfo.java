package dev.equivariance.tensor;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device a backend can compute on: the CPU, or a GPU with its index. Prints as DJL names devices,
 * {@code cpu()} and {@code gpu(0)}.
 *
 * @param gpu whether this is a GPU
 * @param index the GPU's index (0 for the CPU)
 */
public record DeviceInfo(boolean gpu, int index) {

    private static final Pattern DIGITS = Pattern.compile("(\\d+)");

    public DeviceInfo {
        if (index < 0) {
            throw new IllegalArgumentException("A device index is never negative, got " + index);
        }
        if (!gpu && index != 0) {
            throw new IllegalArgumentException("The CPU has no index, got " + index);
        }
    }

    /** The CPU. */
    public static DeviceInfo cpu() {
        return new DeviceInfo(false, 0);
    }

    /** The GPU with the given index. */
    public static DeviceInfo gpu(int index) {
        return new DeviceInfo(true, index);
    }

    /**
     * Reads a device name as backends report it: names containing {@code gpu} or {@code cuda} (any case) are GPUs
     * whose index is the first number in the name (0 when there is none), e.g. {@code gpu(1)}, {@code cuda:1},
     * {@code CUDA}; any other name, e.g. {@code cpu()} or {@code NATIVE_CPU}, is the CPU.
     */
    public static DeviceInfo parse(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!n.contains("gpu") && !n.contains("cuda")) {
            return cpu();
        }
        Matcher m = DIGITS.matcher(n);
        return gpu(m.find() ? Integer.parseInt(m.group(1)) : 0);
    }

    @Override
    public String toString() {
        return gpu ? "gpu(" + index + ")" : "cpu()";
    }
}
