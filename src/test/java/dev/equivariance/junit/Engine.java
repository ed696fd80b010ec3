package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs scenario classes through the Jupiter engine (EngineTestKit) and reads what they reported. */
final class Engine {

    private Engine() {
    }

    /**
     * Runs a class with configuration parameters given as key, value, key, value, ... (by default no report files,
     * nothing printed and no progress lines).
     */
    static EngineExecutionResults run(Class<?> testClass, String... parameters) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .configurationParameter("equivariance.report.files", "false")
                .configurationParameter("equivariance.report.print", "never")
                .configurationParameter("equivariance.progress", "false");
        for (int k = 0; k + 1 < parameters.length; k += 2) {
            builder = builder.configurationParameter(parameters[k], parameters[k + 1]);
        }
        return builder.execute();
    }

    /** The one failure of a run. */
    static Throwable failure(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).as("failed tests").hasSize(1);
        return thrown(failed.get(0));
    }

    static Throwable thrown(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    /** Every report entry published during a run. */
    static List<Map<String, String>> entries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
    }

    /** What a piece of code prints to standard output, and its result. */
    record Printed<T>(T result, String out) {
    }

    static <T> Printed<T> capture(Supplier<T> code) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            T result = code.get();
            return new Printed<>(result, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
