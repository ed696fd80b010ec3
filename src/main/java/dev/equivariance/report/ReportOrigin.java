package dev.equivariance.report;

import java.util.Objects;

/**
 * The test an audit belongs to, when known: names report files and turns the seed into a replay command.
 *
 * @param testClass the test class's binary name, e.g. {@code com.acme.DeepSetsTest} or {@code com.acme.Outer$Inner}
 * @param testMethod the test method's name
 */
public record ReportOrigin(String testClass, String testMethod) {

    public ReportOrigin {
        Objects.requireNonNull(testClass, "testClass");
        Objects.requireNonNull(testMethod, "testMethod");
    }

    /** The class name without its package, nested classes joined with {@code $}: {@code Outer$Inner}. */
    public String simpleClassName() {
        return testClass.substring(testClass.lastIndexOf('.') + 1);
    }

    /** {@code Outer$Inner.method}, for titles and the index page. */
    public String displayName() {
        return simpleClassName().replace('$', '.') + "." + testMethod;
    }

    /** The Maven command that reruns this test with the same seed (single-quoted when the name has a {@code $}). */
    public String replayCommand(long seed) {
        String test = simpleClassName() + "#" + testMethod;
        if (test.contains("$")) {
            test = "'" + test + "'";
        }
        return "mvn test -Dtest=" + test + " -Dequivariance.seed=" + seed;
    }

    /** The replay command when the origin is known, else the seed property alone. */
    static String replay(ReportOrigin origin, long seed) {
        return origin != null ? origin.replayCommand(seed) : "-Dequivariance.seed=" + seed;
    }
}
