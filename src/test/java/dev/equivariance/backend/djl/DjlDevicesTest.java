package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditException;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.WithoutCuda;
import dev.equivariance.tensor.DeviceInfo;
import dev.equivariance.tensor.DeviceInventory;
import dev.equivariance.tensor.DeviceUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What DJL reports about devices on this build's class path (libtorch's CPU natives). */
class DjlDevicesTest {

    private static final Path FIXTURES = TorchScriptAuditTest.FIXTURES;

    @Test
    void withCpuNatives_theInventoryIsTheCpuAndNamesTheMissingCudaNatives() {
        try (DjlBackend backend = new DjlBackend()) {
            DeviceInventory inventory = backend.devices();
            assertThat(inventory.devices()).containsExactly(DeviceInfo.cpu());
            assertThat(inventory.whyNoGpu())
                    .startsWith("no CUDA natives on the class path (the PyTorch natives are the cpu build");
            assertThat(backend.device()).isEqualTo("cpu()");
            assertThat(backend.threads()).isPositive();
        }
    }

    @Test
    void theNativesFlavor_isReadFromDjlsNativesDirectoryName() {
        assertThat(PyTorchNatives.flavorOf("2.7.1-20250812-cpu-linux-x86_64")).hasValue("cpu");
        assertThat(PyTorchNatives.flavorOf("2.5.1-cu124-linux-x86_64")).hasValue("cu124");
        assertThat(PyTorchNatives.flavorOf("2.5.1-cpu-precxx11-linux-x86_64")).hasValue("cpu");
        assertThat(PyTorchNatives.flavorOf("libtorch")).isEmpty();
        DjlBackend.arrayEngine();
        assertThat(PyTorchNatives.flavor()).as("once the engine is loaded").hasValue("cpu");
    }

    @Test
    void aTorchScriptModule_loadsOnTheCpuOnRequestAndRefusesCuda() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("vector_net.pt"), "cpu")) {
            assertThat(model.backend().device()).isEqualTo("cpu()");
        }
        assertThatThrownBy(() -> TorchScript.load(FIXTURES.resolve("vector_net.pt"), "cuda"))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageStartingWith("CUDA requested but not available: no CUDA natives on the class path");
    }

    @Test
    void aTorchScriptModule_isAuditedWhereTheAuditAsks() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("vector_net.pt"))) {
            AuditReport report = Audit.of(model).group("SO(3)").input("vector", 2, 5, 3).output("vector")
                    .trials(8).seed(1).device("cpu").run();
            assertThat(report.environment().deviceSelection()).isEqualTo("cpu -> cpu(): requested");
        }
    }

    @Test
    void anOnnxModel_runsOnTheCpuAndSaysSoWhenCudaIsRequested() {
        try (OnnxModel model = Onnx.load(FIXTURES.resolve("deepsets.onnx"))) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                    .trials(4).seed(1).run();
            assertThat(report.environment().deviceSelection()).isEqualTo("auto -> cpu(): ONNX models run on ONNX "
                    + "Runtime's CPU execution provider here (audit the model exported as TorchScript to use a GPU)");
            assertThatThrownBy(() -> Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                    .trials(4).seed(1).device("cuda").withoutCuda(WithoutCuda.FAIL).run())
                    .isInstanceOf(AuditException.class)
                    .hasMessageStartingWith("CUDA requested but not available: ONNX models run on ONNX Runtime's "
                            + "CPU execution provider here (audit the model exported as TorchScript to use a GPU);");
        }
    }
}
