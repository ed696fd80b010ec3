package dev.equivariance.tensor;

/**
 * The requested device cannot be used here: CUDA was asked for on a machine (or class path) without it, or a GPU
 * index beyond those visible. The message states the reason and what to do; {@link #reason()} is the reason alone.
 */
public class DeviceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient DeviceRequest request;
    private final String reason;

    /**
     * @param request what was asked for
     * @param reason why it cannot be had, in a few words
     * @param message the full message: the reason and what to do
     */
    public DeviceUnavailableException(DeviceRequest request, String reason, String message) {
        super(message);
        this.request = request;
        this.reason = reason;
    }

    /** What was asked for. */
    public DeviceRequest request() {
        return request;
    }

    /** Why it cannot be had, e.g. {@code no GPU visible}. */
    public String reason() {
        return reason;
    }
}
