package dev.equivariance.audit;

/**
 * Receives progress lines of long audits ({@code "DeepSetsTest.audit: end to end 12/32 inputs (5.1 s)"}). A line
 * comes when a phase starts once the audit has run for a couple of seconds, and every few seconds within a phase;
 * audits that finish quickly send nothing. Called on the thread that runs the audit.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Sends nothing (the default of a spec). */
    ProgressListener NONE = line -> { };

    /** One line of progress, without a trailing newline. */
    void progress(String line);
}
