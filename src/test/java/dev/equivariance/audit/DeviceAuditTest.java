package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.models.DeepSets;
import dev.equivariance.report.TextReport;
import dev.equivariance.tensor.DeviceInfo;
import dev.equivariance.tensor.DeviceInventory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Device selection through the Java API on this build's class path, which carries libtorch's CPU natives only: CUDA
 * is never available here, whatever the machine.
 */
class DeviceAuditTest {

    private static Audit.Runner deepSets() {
        return Audit.of(DeepSets.build(8)).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant().samples(2)
                .trials(6).seed(3);
    }

    @Test
    void auto_runsOnTheCpuAndTheReportSaysWhy() {
        AuditReport report = deepSets().run();
        assertThat(report.environment().device()).isEqualTo("cpu()");
        assertThat(report.environment().deviceSelection())
                .startsWith("auto -> cpu(): no CUDA natives on the class path (the PyTorch natives are the cpu build");
    }

    @Test
    void cpu_runsOnTheCpuAsRequested() {
        AuditReport report = deepSets().device("cpu").run();
        assertThat(report.environment().deviceSelection()).isEqualTo("cpu -> cpu(): requested");
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void cudaWithoutCuda_abortsByDefaultWithTheReason() {
        assertThatThrownBy(() -> deepSets().device("cuda").run())
                .isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("CUDA requested but not available: no CUDA natives on the class path")
                .hasMessageEndingWith("run on a machine with a GPU and the CUDA natives (see README, "
                        + "\"Devices and CUDA\")");
    }

    @Test
    void cudaWithoutCuda_failsWhenTheSpecSaysFail() {
        assertThatThrownBy(() -> deepSets().device("cuda:1").withoutCuda(WithoutCuda.FAIL).run())
                .isInstanceOf(AuditException.class)
                .hasMessageStartingWith("CUDA requested but not available: no CUDA natives on the class path");
    }

    @Test
    void anUnknownDevice_isRejectedWhenTheSpecIsBuilt() {
        assertThatThrownBy(() -> deepSets().device("tpu:0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown device 'tpu:0'");
    }

    @Test
    void everyReportStatesBackendEngineVersionDeviceDtypeAndThreads() {
        String text = TextReport.render(deepSets().run());
        assertThat(text)
                .containsPattern("Backend: +DJL \\d+\\.\\d+\\.\\d+ / PyTorch \\d+\\.\\d+\\.\\d+, eval mode")
                .contains("Device:             cpu()\n")
                .contains("Device selection:   auto -> cpu(): no CUDA natives on the class path")
                .contains("Dtype:              float32\n")
                .containsPattern("Threads: +\\d+ intra-op");
    }

    @Test
    void crossDeviceOnACpuOnlyMachine_isSkippedWithANoteAndDoesNotFail() {
        AuditReport report = deepSets().crossDevice(true).run();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.crossDevice()).hasValueSatisfying(c -> {
            assertThat(c.compared()).isFalse();
            assertThat(c.note()).startsWith("no GPU to compare with (no CUDA natives on the class path");
        });
        assertThat(report.issues()).isEmpty();
        assertThat(TextReport.render(report)).contains("CROSS-DEVICE CHECK:\n  Skipped, the audit ran on cpu() only: "
                + "no GPU to compare with (no CUDA natives");
    }

    @Test
    void withoutCrossDevice_theReportHasNoSuchSection() {
        AuditReport report = deepSets().run();
        assertThat(report.crossDevice()).isEmpty();
        assertThat(TextReport.render(report)).doesNotContain("CROSS-DEVICE");
    }

    @Test
    void theComparisonDevice_isTheFirstGpuForACpuAuditAndTheCpuForAGpuAudit() {
        DeviceInventory twoGpus = new DeviceInventory(Stream.of("cpu()", "gpu(0)", "gpu(1)")
                .map(DeviceInfo::parse).toList(), "");
        assertThat(CrossDeviceCheck.otherDevice(DeviceInfo.cpu(), twoGpus)).isEqualTo(DeviceInfo.gpu(0));
        assertThat(CrossDeviceCheck.otherDevice(DeviceInfo.gpu(1), twoGpus)).isEqualTo(DeviceInfo.cpu());
    }

    @Test
    void devicesThatDisagree_raiseAWarningNamingTf32AndTheNumbers() {
        AuditReport report = deepSets().run();
        CrossDeviceResult agree = new CrossDeviceResult(true, "", "cpu()", "gpu(0)", 1e-7, 2e-7, Verdict.PASS, 3e-7,
                1e-6);
        assertThat(CrossDeviceCheck.issues(agree, report, report)).isEmpty();
        CrossDeviceResult tf32 = new CrossDeviceResult(true, "", "cpu()", "gpu(0)", 1e-7, 2e-7, Verdict.PASS, 4e-4,
                1e-3);
        List<Issue> issues = CrossDeviceCheck.issues(tf32, report, report);
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IssueKind.DEVICE_DEPENDENCE);
            assertThat(i.severity()).isEqualTo(Issue.Severity.WARNING);
            assertThat(i.fix()).contains("TF32");
            assertThat(i.evidence()).contains("relative difference 0.000400");
        });
    }

    @Test
    void aComparisonIsRenderedWithBothDevicesErrorsAndOutputGap() {
        CrossDeviceResult compared = new CrossDeviceResult(true, "the same inputs and elements", "cpu()", "gpu(0)",
                1e-7, 4e-4, Verdict.NEEDS_ATTENTION, 3e-4, 2e-3);
        String text = TextReport.render(deepSets().run().withCrossDevice(compared, List.of()));
        assertThat(text).contains("CROSS-DEVICE CHECK:\n  cpu() vs gpu(0): the same inputs and elements\n")
                .contains("Max relative error: 1.000e-07 on cpu(), 4.000e-04 on gpu(0) (difference 3.999e-04); "
                        + "verdict on gpu(0): NEEDS_ATTENTION")
                .contains("Outputs f(x): relative difference 3.000e-04, max absolute difference 2.000e-03");
    }
}
