package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.equivariance.junit.scenarios.DeviceScenarios;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.TestAbortedException;

/** The device attribute through the JUnit engine, on this build's class path (CPU natives: no CUDA). */
class DeviceSelectionTest {

    private static final String NO_CUDA = "CUDA requested but not available: no CUDA natives on the class path (the "
            + "PyTorch natives are the cpu build";
    private static final String WHAT_TO_DO = "run on a machine with a GPU and the CUDA natives (see README, "
            + "\"Devices and CUDA\")";

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    private static Throwable thrown(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    @BeforeEach
    void resetCounter() {
        DeviceScenarios.BODIES_RUN.set(0);
    }

    @Test
    void auto_onACpuOnlyMachine_runsOnTheCpu() {
        run(DeviceScenarios.Auto.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void theReportInTheJUnitReport_showsTheDeviceAndWhy() {
        List<Map<String, String>> entries = run(DeviceScenarios.Auto.class).allEvents().reportingEntryPublished()
                .list().stream().map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
        assertThat(entries).anySatisfy(e -> assertThat(e.get("equivariance.report"))
                .contains("Device:             cpu()\n")
                .contains("Device selection:   auto -> cpu(): no CUDA natives on the class path"));
    }

    @Test
    void cuda_withoutCuda_isSkippedWithTheReasonInTheJUnitReport() {
        EngineExecutionResults results = run(DeviceScenarios.CudaSkips.class);
        results.testEvents().assertStatistics(s -> s.started(1).aborted(1).failed(0).succeeded(0));
        Throwable reason = thrown(results.testEvents().aborted().list().get(0));
        assertThat(reason).isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith(NO_CUDA).hasMessageEndingWith(WHAT_TO_DO);
        assertThat(DeviceScenarios.BODIES_RUN).hasValue(0);
    }

    @Test
    void cuda_withoutCuda_failsWhenTheTestSaysFail() {
        EngineExecutionResults results = run(DeviceScenarios.CudaFails.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1).aborted(0));
        assertThat(thrown(results.testEvents().failed().list().get(0)))
                .hasMessageStartingWith("CudaFails.onTheGpu(): " + NO_CUDA).hasMessageEndingWith(WHAT_TO_DO);
        assertThat(DeviceScenarios.BODIES_RUN).hasValue(0);
    }

    @Test
    void aPropertyAskingForCuda_isSkippedToo() {
        EngineExecutionResults results = run(DeviceScenarios.CudaProperty.class);
        results.testEvents().assertStatistics(s -> s.started(1).aborted(1).failed(0));
        assertThat(thrown(results.testEvents().aborted().list().get(0))).hasMessageStartingWith(NO_CUDA);
        assertThat(DeviceScenarios.BODIES_RUN).hasValue(0);
    }

    @Test
    void oneModel_canBeAuditedOnTheCpuWhileItsCudaAuditIsSkipped() {
        run(DeviceScenarios.CpuAndCuda.class).testEvents()
                .assertStatistics(s -> s.started(2).succeeded(1).aborted(1).failed(0));
    }

    @Test
    void crossDevice_onACpuOnlyMachine_passesWithANoteInTheReport() {
        EngineExecutionResults results = run(DeviceScenarios.CrossDevice.class);
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        List<String> reports = results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("equivariance.report"))
                .toList();
        assertThat(reports).anySatisfy(r -> assertThat(r).contains("CROSS-DEVICE CHECK:\n  Skipped, the audit ran on "
                + "cpu() only: no GPU to compare with (no CUDA natives on the class path"));
    }
}
