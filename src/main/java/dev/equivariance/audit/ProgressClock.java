package dev.equivariance.audit;

import java.util.Locale;

/**
 * Decides when an audit tells its {@link ProgressListener} where it is: at the start of each phase once the audit has
 * run for {@link #QUIET_NANOS}, and within a phase at most every {@link #EVERY_NANOS}. Quick audits stay silent.
 */
final class ProgressClock {

    /** Phases that start before this much time has passed are not announced. */
    static final long QUIET_NANOS = 2_000_000_000L;
    /** The least time between two lines of one phase. */
    static final long EVERY_NANOS = 5_000_000_000L;

    private final ProgressListener listener;
    private final String audit;
    private final long start;
    private long last;

    ProgressClock(ProgressListener listener, String audit) {
        this(listener, audit, System.nanoTime());
    }

    ProgressClock(ProgressListener listener, String audit, long start) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.audit = audit;
        this.start = start;
        this.last = start;
    }

    /** A clock that never reports. */
    static ProgressClock silent() {
        return new ProgressClock(ProgressListener.NONE, "");
    }

    /** A phase starts (e.g. {@code shrinking}). */
    void phase(String name) {
        phase(name, System.nanoTime());
    }

    void phase(String name, long now) {
        if (listener != ProgressListener.NONE && now - start >= QUIET_NANOS) {
            emit(name, now);
        }
    }

    /** Step {@code done} of {@code total} within a phase (e.g. inputs of the end-to-end test). */
    void step(String phase, int done, int total) {
        step(phase, done, total, System.nanoTime());
    }

    void step(String phase, int done, int total, long now) {
        if (listener != ProgressListener.NONE && now - start >= QUIET_NANOS && now - last >= EVERY_NANOS) {
            emit(phase + " " + done + "/" + total, now);
        }
    }

    private void emit(String what, long now) {
        last = now;
        listener.progress(String.format(Locale.ROOT, "%s: %s (%.1f s)", audit, what, (now - start) / 1e9));
    }
}
