package dev.equivariance.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Names the test run a JVM belongs to, so that the JVMs of one run share one index page: {@value
 * ReportWriter#RUN_PROPERTY} when set; else, in a JVM that Surefire or Failsafe forked, the Maven JVM that started it
 * (its forks are its descendants, through a shell); else this JVM. Names are process ids with start times, so that a
 * reused process id never joins an old run.
 */
final class RunIdentity {

    private static final String THIS_JVM = describe(ProcessHandle.current());

    private RunIdentity() {
    }

    /** This JVM: its process id and start time. */
    static String thisJvm() {
        return THIS_JVM;
    }

    /** The run of this JVM. */
    static String current() {
        String configured = System.getProperty(ReportWriter.RUN_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return sanitize(configured);
        }
        return SurefireRun.ID;
    }

    /** A run name usable in a file name. */
    static String sanitize(String run) {
        return FileNames.sanitize(run.strip()).replace("--", "-");
    }

    private static String describe(ProcessHandle p) {
        long start = p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return p.pid() + "-" + start;
    }

    /** Computed once: walking the process tree costs a few system calls. */
    private static final class SurefireRun {
        static final String ID = find();

        private static String find() {
            ProcessHandle self = ProcessHandle.current();
            boolean forked = self.info().arguments().map(List::of).orElse(List.of()).stream()
                    .anyMatch(a -> a.contains("surefirebooter"));
            if (forked) {
                Optional<ProcessHandle> p = self.parent();
                for (int depth = 0; p.isPresent() && depth < 4; depth++, p = p.get().parent()) {
                    String command = p.get().info().command().orElse("");
                    if (command.endsWith("/java") || command.endsWith("\\java.exe") || command.endsWith("/java.exe")) {
                        return "maven-" + describe(p.get());
                    }
                }
            }
            return "jvm-" + THIS_JVM;
        }
    }
}
