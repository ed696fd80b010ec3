package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Issue;
import dev.equivariance.audit.IssueKind;
import dev.equivariance.audit.Verdict;
import dev.equivariance.report.TextReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batch-axis rules on exported models (src/test/python/export_graph_fixtures.py): a TorchScript graph network
 * without a batch axis, set models with batch norm in training mode (TorchScript, and ONNX exported with a fixed batch
 * of 4) and with dropout left on.
 */
class BatchSemanticsFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static List<IssueKind> kinds(AuditReport report) {
        return report.issues().stream().map(Issue::kind).toList();
    }

    private static AuditReport egnnUnderE3(TorchScriptModel model, boolean declared) {
        Audit.Runner runner = Audit.of(model).group("E(3)").input("position", 8, 3).input("trivial", 8, 5)
                .output("position").output("trivial").trials(16).seed(21);
        return (declared ? runner.noBatchAxis() : runner).run();
    }

    @Test
    void aTorchScriptGraphNetworkWithoutBatchAxis_passesUnderE3AndNodePermutations() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("egnn_graph.pt"))) {
            for (boolean declared : new boolean[] {false, true}) {
                AuditReport report = egnnUnderE3(model, declared);
                assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
            }
            AuditReport permuted = Audit.of(model).group("S(n)").input("permute(axis=0)", 8, 3)
                    .input("permute(axis=0)", 8, 5).output("permute(axis=0)").output("permute(axis=0)").trials(16)
                    .seed(22).run();
            assertThat(permuted.verdict()).as(TextReport.render(permuted)).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void aTorchScriptGraphNetworkWithReluOnCoordinates_failsAtThatLayer_neverForBatchReasons() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("egnn_graph_relu.pt"))) {
            for (boolean declared : new boolean[] {false, true}) {
                AuditReport report = egnnUnderE3(model, declared);
                String text = TextReport.render(report);
                assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
                assertThat(report.firstBreakingLayer()).as(text).hasValueSatisfying(l ->
                        assertThat(l.name()).isEqualTo("act"));
                assertThat(kinds(report)).as(text).first().isEqualTo(IssueKind.NON_EQUIVARIANT_NONLINEARITY);
                assertThat(report.issues().get(0).location()).as(text).isEqualTo("layer act");
                assertThat(kinds(report)).as(text).doesNotContain(IssueKind.BATCH_COMPOSITION_DEPENDENCE,
                        IssueKind.NONDETERMINISTIC_MODEL, IssueKind.INTERACTING_ROWS);
            }
        }
    }

    @Test
    void aTorchScriptSetModelWithBatchNormInTrainingMode_isBatchCompositionDependent() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("set_batchnorm.pt")).inTrainingMode()) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 4, 6, 3)
                    .output("trivial").trials(12).seed(23).run();
            String text = TextReport.render(report);
            assertThat(kinds(report)).as(text).containsExactly(IssueKind.BATCH_COMPOSITION_DEPENDENCE);
            assertThat(report.verdict()).as(text).isNotEqualTo(Verdict.PASS);
        }
    }

    @Test
    void theSameModelInEvalMode_passes() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("set_batchnorm.pt"))) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 4, 6, 3)
                    .output("trivial").trials(12).seed(23).run();
            assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
            assertThat(report.issues()).isEmpty();
        }
    }

    @Test
    void anOnnxSetModelWithBatchNormExportedWithAFixedBatch_isBatchCompositionDependent() {
        try (OnnxModel model = Onnx.load(FIXTURES.resolve("set_batchnorm_batch4.onnx"))) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 4, 6, 3)
                    .output("trivial").trials(12).seed(24).run();
            String text = TextReport.render(report);
            assertThat(kinds(report)).as(text).containsExactly(IssueKind.BATCH_COMPOSITION_DEPENDENCE);
            assertThat(report.verdict()).as(text).isNotEqualTo(Verdict.PASS);
        }
    }

    @Test
    void aTorchScriptSetModelWithDropoutLeftOn_isNondeterministic() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("set_dropout.pt")).inTrainingMode()) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 4, 6, 3)
                    .output("trivial").trials(12).seed(25).run();
            String text = TextReport.render(report);
            assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
            assertThat(kinds(report)).as(text).contains(IssueKind.NONDETERMINISTIC_MODEL)
                    .doesNotContain(IssueKind.BATCH_COMPOSITION_DEPENDENCE);
        }
    }
}
