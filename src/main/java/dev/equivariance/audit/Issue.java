package dev.equivariance.audit;

/**
 * A problem the audit identified: what kind it is, where, how bad, how to fix it, and the numbers that show it.
 */
public record Issue(IssueKind kind, String description, String location, Severity severity, String fix,
                    String evidence) {

    /** How urgent an issue is. */
    public enum Severity {
        INFO, WARNING, ERROR
    }

    /** The title a report prints, the kind's. */
    public String title() {
        return kind.title();
    }

    /** The same issue with another severity. */
    public Issue withSeverity(Severity other) {
        return new Issue(kind, description, location, other, fix, evidence);
    }
}
