package dev.equivariance.audit;

/**
 * A problem the audit identified: what it is, where, how bad, how to fix it, and the numbers that show it.
 */
public record Issue(String title, String description, String location, Severity severity, String fix,
                    String evidence) {

    /** How urgent an issue is. */
    public enum Severity {
        INFO, WARNING, ERROR
    }
}
