package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The snippet of docs/devices.md: with a GPU it passes; without one, {@code WithoutCuda.FAIL} fails it with the reason. */
class DevicesDocTest {

    @Test
    void rotatesOnTheGpu_passesWithAGpu_andFailsWithTheReasonWithoutOne() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(DocScenarios.OnTheGpu.class))
                .configurationParameter("equivariance.report.files", "false")
                .configurationParameter("equivariance.report.print", "never")
                .execute();
        results.testEvents().assertStatistics(s -> s.started(1).aborted(0));
        List<Event> failed = results.testEvents().failed().list();
        if (!failed.isEmpty()) {
            Throwable thrown = failed.get(0).getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable).orElseThrow();
            assertThat(thrown).hasMessageContaining("CUDA requested but not available: ")
                    .hasMessageEndingWith("(see README, \"Devices and CUDA\")");
        }
    }
}
