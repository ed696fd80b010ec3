package dev.equivariance.tensor;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the user asked an audit to run: {@code auto} (a GPU when the backend reports a usable one, else the CPU),
 * {@code cpu}, {@code cuda} (the first GPU) or {@code cuda:N} (GPU number N).
 *
 * @param kind what was asked for
 * @param index the GPU index for {@code cuda:N}, or -1 for any GPU (and for auto and cpu)
 */
public record DeviceRequest(Kind kind, int index) {

    /** The kinds of request. */
    public enum Kind {
        AUTO, CPU, CUDA
    }

    /** The default: a GPU when one is usable, else the CPU. */
    public static final DeviceRequest AUTO = new DeviceRequest(Kind.AUTO, -1);

    private static final Pattern GPU = Pattern.compile("(?:cuda|gpu)(?:\\s*[:(]\\s*(\\d+)\\s*\\)?)?");

    public DeviceRequest {
        if (kind != Kind.CUDA && index != -1 || index < -1) {
            throw new IllegalArgumentException("Only a cuda request has an index, got " + kind + " " + index);
        }
    }

    /**
     * Parses {@code auto}, {@code cpu}, {@code cuda}, {@code cuda:1} (case does not matter; DJL's {@code cpu()},
     * {@code gpu} and {@code gpu(1)} are accepted too; blank means auto).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static DeviceRequest parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("auto")) {
            return AUTO;
        }
        if (s.equals("cpu") || s.equals("cpu()")) {
            return new DeviceRequest(Kind.CPU, -1);
        }
        Matcher m = GPU.matcher(s);
        if (m.matches()) {
            return new DeviceRequest(Kind.CUDA, m.group(1) == null ? -1 : Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("Unknown device '" + text + "': use \"auto\", \"cpu\", \"cuda\" or "
                + "\"cuda:N\" (N the GPU's index)");
    }

    /** A request for exactly this device. */
    public static DeviceRequest of(DeviceInfo device) {
        return device.gpu() ? new DeviceRequest(Kind.CUDA, device.index()) : new DeviceRequest(Kind.CPU, -1);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case CUDA -> index < 0 ? "cuda" : "cuda:" + index;
        };
    }
}
