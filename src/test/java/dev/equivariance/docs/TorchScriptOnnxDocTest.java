package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.backend.djl.Onnx;
import dev.equivariance.backend.djl.OnnxModel;
import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.backend.djl.TorchScriptModel;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import java.nio.file.Path;

/**
 * The model methods of docs/torchscript-onnx.md, as written there (on the committed test fixtures), each with an
 * audit that selects it.
 */
@EquivarianceTest
class TorchScriptOnnxDocTest {

    @ModelUnderTest
    static TorchScriptModel model() { return TorchScript.load(Path.of("src/test/resources/fixtures/vector_net.pt")); }

    @ModelUnderTest
    static OnnxModel onnx() { return Onnx.load(Path.of("src/test/resources/fixtures/deepsets.onnx")); }   // forward passes only

    @EquivariantUnder(model = "model", group = "SO(3)", input = "vector", output = "vector", inputShape = {2, 5, 3},
                      layers = true, seed = "1")
    void torchScriptLayerByLayer(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.layers()).isNotEmpty();
    }

    @InvariantUnder(model = "onnx", group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, seed = "3")
    void onnxEndToEnd(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }
}
