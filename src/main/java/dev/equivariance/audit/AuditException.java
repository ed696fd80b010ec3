package dev.equivariance.audit;

/**
 * An audit could not run: a misconfigured spec, bad input, or a model that throws or returns NaN. The message names
 * the cause and the fix.
 */
public class AuditException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
