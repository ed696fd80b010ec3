package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.backend.djl.DjlModels;
import dev.equivariance.models.CircularCnn;
import dev.equivariance.models.DeepSets;
import dev.equivariance.models.EgnnCoordinates;
import dev.equivariance.models.FailureModes;
import dev.equivariance.report.TextReport;
import org.junit.jupiter.api.Test;

/** One planted model per failure mode: the report names exactly that mode, and where. */
class DiagnosisTest {

    private static Issue onlyIssue(AuditReport report) {
        String text = TextReport.render(report);
        assertThat(report.issues()).as(text).hasSize(1);
        return report.issues().get(0);
    }

    @Test
    void reluOnVectors_isANonEquivariantNonlinearityAtTheReluLayer() {
        AuditReport report = Audit.of(FailureModes.reluOnVectors()).group("SO(3)").input("vector", 2, 5, 3)
                .output("vector").trials(12).seed(1).run();
        Issue issue = onlyIssue(report);
        assertThat(issue.kind()).isEqualTo(IssueKind.NON_EQUIVARIANT_NONLINEARITY);
        assertThat(issue.location()).isEqualTo("layer 02LambdaBlock");
        assertThat(issue.description()).contains("ReLU");
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void batchNormInTrainingMode_isABatchCompositionDependence() {
        AuditReport report = Audit.of(DjlModels.inTrainingMode(FailureModes.setModelWithBatchNorm(), new long[] {4, 6, 3}))
                .group("S(n)").input("permute(axis=1)", 4, 6, 3).invariant().trials(12).seed(2).run();
        Issue issue = onlyIssue(report);
        assertThat(issue.kind()).isEqualTo(IssueKind.BATCH_COMPOSITION_DEPENDENCE);
        assertThat(issue.fix()).contains("eval mode").contains("LayerNorm");
        assertThat(report.environment().mode()).isEqualTo("training");
    }

    @Test
    void invariantDeclaredForAnEquivariantOutput_isAWrongOutputAction() {
        AuditReport report = Audit.of(EgnnCoordinates.build(8)).group("SO(3)").input("vector", 2, 6, 3).invariant()
                .trials(12).seed(3).run();
        Issue issue = onlyIssue(report);
        assertThat(issue.kind()).isEqualTo(IssueKind.WRONG_OUTPUT_ACTION);
        assertThat(issue.description()).contains("Declared invariant, but the output transforms like the input");
        assertThat(issue.location()).isEqualTo("output #0");
    }

    @Test
    void aDeepExactFloat32Model_passesWithAPrecisionNote() {
        AuditReport report = Audit.of(FailureModes.deepVectorNetwork(8)).group("SO(3)").input("vector", 2, 6, 3)
                .output("vector").trials(12).seed(4).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        assertThat(report.level()).as(text).isEqualTo(Level.EXCELLENT);
        Issue issue = onlyIssue(report);
        assertThat(issue.kind()).isEqualTo(IssueKind.NUMERICAL_PRECISION);
        assertThat(issue.severity()).isEqualTo(Issue.Severity.INFO);
    }

    @Test
    void oneBrokenCustomLayer_isACustomLayerBugAtThatLayer() {
        AuditReport report = Audit.of(FailureModes.fixedDirectionLayer()).group("SO(3)").input("vector", 2, 5, 3)
                .output("vector").trials(12).seed(5).run();
        Issue issue = onlyIssue(report);
        assertThat(issue.kind()).isEqualTo(IssueKind.CUSTOM_LAYER_BUG);
        assertThat(issue.location()).isEqualTo("layer 02LambdaBlock");
        assertThat(issue.description()).contains("addDirection");
    }

    @Test
    void zeroPaddingUnderShifts_isAPaddingBoundaryEffectAtTheFirstConvolution() {
        AuditReport report = Audit.of(CircularCnn.zeroPadded(3, 2)).group("Z(8)xZ(8)")
                .input("roll(axes=(2,3))", 2, 2, 8, 8).invariant().trials(12).seed(6).run();
        Issue issue = onlyIssue(report);
        assertThat(issue.kind()).isEqualTo(IssueKind.PADDING_BOUNDARY);
        assertThat(issue.location()).isEqualTo("layer 01Conv2d");
        assertThat(issue.fix()).contains("circular padding");
        double[][] map = report.positionErrors().orElseThrow();
        assertThat(map).hasDimensions(8, 8);
        assertThat(map[0][0] + map[7][7]).isGreaterThan(map[3][3] + map[4][4]);
    }

    @Test
    void anExactModel_hasNoIdentifiedIssues() {
        AuditReport report = Audit.of(DeepSets.build(8)).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                .trials(12).seed(7).run();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.issues()).isEmpty();
    }
}
