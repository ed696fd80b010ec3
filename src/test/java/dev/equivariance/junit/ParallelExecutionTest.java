package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.equivariance.junit.scenarios.ParallelScenarios;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * JUnit's parallel execution (methods and classes concurrent) gives every audit the report a sequential run gives:
 * no test errors, the same verdicts, the same numbers, counterexamples and diagnoses.
 */
class ParallelExecutionTest {

    private static final Class<?>[] CLASSES = {ParallelScenarios.DjlAndTorchScript.class,
            ParallelScenarios.SameDiffAndDjl.class};

    @Test
    void concurrentMethodsAndClasses_giveTheSequentialReports_repeatedly() {
        Map<String, String> sequential = reports(run(false));
        assertThat(sequential).hasSize(11);
        assertThat(sequential.values()).filteredOn(r -> r.contains("OVERALL VERDICT: FAIL")).hasSize(4);
        for (int round = 0; round < 3; round++) {
            EngineExecutionResults parallel = run(true);
            assertThat(reports(parallel)).as("reports of parallel round %d", round)
                    .containsExactlyInAnyOrderEntriesOf(sequential);
        }
    }

    private static EngineExecutionResults run(boolean parallel) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter").selectors(
                selectClass(CLASSES[0]), selectClass(CLASSES[1]))
                .configurationParameter("equivariance.report.files", "false")
                .configurationParameter("equivariance.report.print", "never")
                .configurationParameter("equivariance.progress", "false");
        if (parallel) {
            builder = builder.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        }
        EngineExecutionResults results = builder.execute();
        // the broken models fail their audits; nothing else may fail, and nothing may error out of the engine
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).extracting(e -> e.getTestDescriptor().getDisplayName()).containsExactlyInAnyOrder(
                "brokenSetsFail()", "brokenVectorsFail()", "straightThroughGradientsFail()",
                "positionalEmbeddingFails()");
        results.containerEvents().assertStatistics(s -> s.failed(0));
        return results;
    }

    /** Each test's published text report, by test. */
    private static Map<String, String> reports(EngineExecutionResults results) {
        Map<String, String> out = new TreeMap<>();
        for (Event e : results.allEvents().reportingEntryPublished().list()) {
            Map<String, String> entry = e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs();
            if (entry.containsKey("equivariance.report")) {
                out.put(e.getTestDescriptor().getUniqueId().toString(), entry.get("equivariance.report"));
            }
        }
        return out;
    }
}
