package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditException;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.report.TextReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OnnxAuditTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void anInvariantOnnxModel_isAuditedEndToEnd() {
        try (OnnxModel model = Onnx.load(FIXTURES.resolve("deepsets.onnx"))) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                    .trials(16).seed(3).run();
            assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
            assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("accepts only its own batch size"));
        }
    }

    @Test
    void anOnnxModelWithAPositionalRamp_fails() {
        try (OnnxModel model = Onnx.load(FIXTURES.resolve("deepsets_positional.onnx"))) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                    .trials(16).seed(3).run();
            assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(report.counterexample()).isPresent();
        }
    }

    @Test
    void askingAnOnnxModelForGradients_givesAClearMessage() {
        try (OnnxModel model = Onnx.load(FIXTURES.resolve("deepsets.onnx"))) {
            assertThatThrownBy(() -> Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                    .trials(4).seed(3).gradients(true).run())
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("ONNX model")
                    .hasMessageContaining("ONNX Runtime runs forward passes only");
            assertThatThrownBy(() -> Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                    .trials(4).seed(3).layers(true).run())
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("ONNX models cannot be audited layer by layer");
        }
    }
}
