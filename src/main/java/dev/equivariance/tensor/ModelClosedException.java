package dev.equivariance.tensor;

/**
 * The model (or the engine resources it lives in) was closed before or while it was audited: its parameters are
 * released, so no forward pass can run. Backends throw it instead of the engine's own error (DJL: "NDManager has been
 * closed already", "Native resource has been released already"), with what was closed and how to keep it open.
 */
public class ModelClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ModelClosedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The usual message: which model, what is closed, and that the test must not close it.
     *
     * @param model the model's name
     * @param what what was found closed, e.g. "its NDManager is closed"
     * @param cause the engine's error, or null
     */
    public static ModelClosedException of(String model, String what, Throwable cause) {
        return new ModelClosedException("The model " + model + " is closed (" + what + "), so it cannot run. Keep it "
                + "open while it is audited: a @ModelUnderTest supplier returns the model without closing it (no "
                + "try-with-resources around it; the extension closes it after the test class), and no test closes "
                + "the class's model or the NDManager its parameters live in.", cause);
    }

    /** Whether an engine error says that a closed manager or a released array was used. */
    public static boolean isClosedError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof IllegalStateException && m != null && (m.contains("has been closed already")
                    || m.contains("has been released already"))) {
                return true;
            }
        }
        return false;
    }
}
