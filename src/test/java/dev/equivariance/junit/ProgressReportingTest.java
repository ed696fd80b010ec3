package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.junit.scenarios.ProgressScenarios;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Long audits say where they are, as JUnit report entries (and on standard output), unless turned off. */
class ProgressReportingTest {

    @Test
    void aLongAudit_publishesProgressLinesPerPhase() {
        List<String> lines = progress(Engine.run(ProgressScenarios.SlowModel.class, Settings.PROGRESS, "true"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(".*end to end \\d+/12 \\(\\d+\\.\\d s\\)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("diagnosis"));
    }

    @Test
    void progressOff_publishesNone() {
        List<String> lines = progress(Engine.run(ProgressScenarios.SlowModel.class, Settings.PROGRESS, "false"));
        assertThat(lines).isEmpty();
    }

    private static List<String> progress(EngineExecutionResults results) {
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        return results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(m -> m.containsKey("equivariance.progress")).map(m -> m.get("equivariance.progress")).toList();
    }
}
