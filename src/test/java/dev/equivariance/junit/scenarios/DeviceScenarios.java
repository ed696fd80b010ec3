package dev.equivariance.junit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.WithoutCuda;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.junit.Trial;
import dev.equivariance.models.DeepSets;
import java.util.concurrent.atomic.AtomicInteger;

/** Device settings run through the JUnit engine by {@code DeviceSelectionTest} (this build has CPU natives only). */
public final class DeviceScenarios {

    private DeviceScenarios() {
    }

    /** How many test bodies ran that should not have. */
    public static final AtomicInteger BODIES_RUN = new AtomicInteger();

    /** The default device: auto, which is the CPU here. */
    @EquivarianceTest
    public static class Auto {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "4")
        void runsOnTheCpu(AuditReport report) {
            assertThat(report.environment().device()).isEqualTo("cpu()");
            assertThat(report.environment().deviceSelection()).startsWith("auto -> cpu(): ");
        }
    }

    /** CUDA asked for, default choice: skipped. The body takes the report, which must not turn the skip into an error. */
    @EquivarianceTest
    public static class CudaSkips {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6,
                device = "cuda")
        void onTheGpu(AuditReport report) {
            BODIES_RUN.incrementAndGet();
        }
    }

    /** CUDA asked for, and its absence declared a failure. */
    @EquivarianceTest
    public static class CudaFails {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6,
                device = "cuda:0", withoutCuda = WithoutCuda.FAIL)
        void onTheGpu() {
            BODIES_RUN.incrementAndGet();
        }
    }

    /** A user-written property asking for CUDA: skipped as well. */
    @EquivarianceTest
    public static class CudaProperty {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6,
                device = "cuda")
        void orderDoesNotMatter(Trial trial, NDArray x) {
            BODIES_RUN.incrementAndGet();
        }
    }

    /** One model, one audit on the CPU and one on the GPU: the first runs, the second is skipped. */
    @EquivarianceTest
    public static class CpuAndCuda {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, device = "cpu")
        void onTheCpu() {
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6,
                device = "cuda")
        void onTheGpu() {
        }
    }

    /** The cross-device check on a machine without a usable GPU: a note, not a failure. */
    @EquivarianceTest
    public static class CrossDevice {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "4",
                crossDevice = true)
        void onEveryDevice(AuditReport report) {
            assertThat(report.crossDevice()).hasValueSatisfying(c -> assertThat(c.compared()).isFalse());
        }
    }
}
