package dev.equivariance.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Device selection from device lists as a backend would report them (plain names, no backend involved). */
class DeviceSelectorTest {

    private static final String NO_GPU = "no GPU visible (no CUDA driver or device found)";

    private static DeviceInventory devices(String... names) {
        return new DeviceInventory(Stream.of(names).map(DeviceInfo::parse).toList(), NO_GPU);
    }

    private static DeviceSelection select(String request, DeviceInventory inventory) {
        return DeviceSelector.select(DeviceRequest.parse(request), inventory);
    }

    @Test
    void autoWithAGpu_picksGpu0() {
        DeviceSelection s = select("auto", devices("cpu()", "gpu(0)"));
        assertThat(s.device()).isEqualTo(DeviceInfo.gpu(0));
        assertThat(s.describe()).isEqualTo("auto -> gpu(0): 1 GPU visible");
    }

    @Test
    void autoWithSeveralGpus_picksTheFirstOneReported() {
        assertThat(select("auto", devices("cpu()", "gpu(0)", "gpu(1)")).describe())
                .isEqualTo("auto -> gpu(0): 2 GPUs visible");
    }

    @Test
    void autoWithoutAGpu_picksTheCpuAndSaysWhy() {
        DeviceSelection s = select("auto", devices("cpu()"));
        assertThat(s.device()).isEqualTo(DeviceInfo.cpu());
        assertThat(s.describe()).isEqualTo("auto -> cpu(): " + NO_GPU);
    }

    @Test
    void cpu_picksTheCpuEvenWhenAGpuIsVisible() {
        assertThat(select("cpu", devices("cpu()", "gpu(0)")).describe()).isEqualTo("cpu -> cpu(): requested");
    }

    @Test
    void cuda_picksTheFirstGpu() {
        assertThat(select("cuda", devices("cpu()", "gpu(0)")).describe()).isEqualTo("cuda -> gpu(0): the only GPU");
        assertThat(select("cuda", devices("cpu()", "gpu(0)", "gpu(1)")).device()).isEqualTo(DeviceInfo.gpu(0));
    }

    @Test
    void cudaWithAnIndex_picksThatGpu() {
        assertThat(select("cuda:1", devices("cpu()", "gpu(0)", "gpu(1)")).describe())
                .isEqualTo("cuda:1 -> gpu(1): requested");
    }

    @Test
    void cudaWithoutAGpu_neverFallsBackToTheCpuAndSaysWhyAndWhatToDo() {
        assertThatThrownBy(() -> select("cuda", devices("cpu()")))
                .isInstanceOfSatisfying(DeviceUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(NO_GPU);
                    assertThat(e.request()).isEqualTo(DeviceRequest.parse("cuda"));
                })
                .hasMessage("CUDA requested but not available: " + NO_GPU + "; run on a machine with a GPU and the "
                        + "CUDA natives (see README, \"Devices and CUDA\")");
    }

    @Test
    void cudaWithoutCudaNatives_namesTheMissingNatives() {
        DeviceInventory inventory = DeviceInventory.cpuOnly("no CUDA natives on the class path");
        assertThatThrownBy(() -> select("cuda", inventory))
                .hasMessageStartingWith("CUDA requested but not available: no CUDA natives on the class path;");
    }

    @Test
    void cuda1WithOneGpu_failsClearly() {
        assertThatThrownBy(() -> select("cuda:1", devices("cpu()", "gpu(0)")))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageStartingWith("CUDA device 1 requested but not available: only 1 GPU visible [gpu(0)];")
                .hasMessageContaining("device = \"cuda\"");
    }

    @Test
    void aModelThatCannotMove_isAcceptedWhereItIsForAuto() {
        DeviceSelection s = DeviceSelector.confirm(DeviceRequest.AUTO, devices("cpu()", "gpu(0)"), DeviceInfo.cpu(),
                "Some backend");
        assertThat(s.device()).isEqualTo(DeviceInfo.cpu());
        assertThat(s.describe()).isEqualTo("auto -> cpu(): the model's own device; Some backend cannot move it");
    }

    @Test
    void aModelThatCannotMove_failsAnExplicitRequestForAnotherDevice() {
        assertThatThrownBy(() -> DeviceSelector.confirm(DeviceRequest.parse("cpu"), devices("cpu()", "gpu(0)"),
                DeviceInfo.gpu(0), "Some backend"))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("Some backend keeps this model on gpu(0) and cannot move it to cpu()");
    }

    @Test
    void aModelAlreadyOnTheRequestedDevice_isConfirmed() {
        assertThat(DeviceSelector.confirm(DeviceRequest.parse("cuda"), devices("cpu()", "gpu(0)"), DeviceInfo.gpu(0),
                "Some backend").describe()).isEqualTo("cuda -> gpu(0): the only GPU");
    }

    @Test
    void requestsParseTheDocumentedFormsAndDjlNames() {
        assertThat(DeviceRequest.parse("auto")).isEqualTo(DeviceRequest.AUTO);
        assertThat(DeviceRequest.parse(" ")).isEqualTo(DeviceRequest.AUTO);
        assertThat(DeviceRequest.parse("CPU")).hasToString("cpu");
        assertThat(DeviceRequest.parse("cpu()")).hasToString("cpu");
        assertThat(DeviceRequest.parse("cuda")).hasToString("cuda");
        assertThat(DeviceRequest.parse("CUDA:1")).hasToString("cuda:1");
        assertThat(DeviceRequest.parse("gpu(2)")).hasToString("cuda:2");
        assertThat(DeviceRequest.of(DeviceInfo.gpu(3))).hasToString("cuda:3");
        assertThat(DeviceRequest.of(DeviceInfo.cpu())).hasToString("cpu");
    }

    @Test
    void anUnknownDevice_isRejectedNamingTheAcceptedForms() {
        assertThatThrownBy(() -> DeviceRequest.parse("tpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown device 'tpu': use \"auto\", \"cpu\", \"cuda\" or \"cuda:N\" (N the GPU's index)");
        assertThatThrownBy(() -> DeviceRequest.parse("cuda:x")).hasMessageContaining("Unknown device 'cuda:x'");
    }

    @Test
    void deviceNamesFromBackends_areReadLeniently() {
        assertThat(DeviceInfo.parse("cpu()")).isEqualTo(DeviceInfo.cpu());
        assertThat(DeviceInfo.parse("NATIVE_CPU")).isEqualTo(DeviceInfo.cpu());
        assertThat(DeviceInfo.parse("gpu(1)")).isEqualTo(DeviceInfo.gpu(1));
        assertThat(DeviceInfo.parse("CUDA:3")).isEqualTo(DeviceInfo.gpu(3));
        assertThat(DeviceInfo.parse("cuda")).isEqualTo(DeviceInfo.gpu(0));
        assertThat(DeviceInfo.gpu(2)).hasToString("gpu(2)");
    }

    @Test
    void anInventoryAlwaysHasTheCpuAndExplainsAMissingGpu() {
        DeviceInventory gpuOnly = new DeviceInventory(java.util.List.of(DeviceInfo.gpu(0)), "ignored");
        assertThat(gpuOnly.devices()).containsExactly(DeviceInfo.cpu(), DeviceInfo.gpu(0));
        assertThat(gpuOnly.whyNoGpu()).isEmpty();
        assertThat(DeviceInventory.cpuOnly(" ").whyNoGpu()).isEqualTo("the backend reports no GPU");
        assertThat(DeviceInventory.cpuOnly("x").hasGpu()).isFalse();
    }
}
