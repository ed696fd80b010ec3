package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.models.GraphEgnn;
import dev.equivariance.report.TextReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Graph models as PyTorch Geometric and e3nn write them have no batch axis: the audit must neither stack graphs
 * into one larger graph nor cut a graph into single nodes, and must name the real cause when such a model is broken.
 */
class BatchAxisAuditTest {

    private static Audit.Runner egnnUnderE3(Object model) {
        return Audit.of(model).group("E(3)").input("position", 8, 3).input("trivial", 8, 5)
                .output("position").output("trivial").trials(16).seed(11);
    }

    private static List<IssueKind> kinds(AuditReport report) {
        return report.issues().stream().map(Issue::kind).toList();
    }

    @Test
    void aGraphModelWithoutBatchAxis_passesUnderE3_withDefaultSettings() {
        AuditReport report = egnnUnderE3(GraphEgnn.build(5)).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        assertThat(report.issues()).as(text).isEmpty();
        assertThat(report.notes()).as(text).anySatisfy(n -> assertThat(n).startsWith("Batch axis: none found"));
    }

    @Test
    void aGraphModelWithoutBatchAxis_passesUnderE3_whenDeclared() {
        AuditReport report = egnnUnderE3(GraphEgnn.build(5)).noBatchAxis().run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        assertThat(report.notes()).as(text).anySatisfy(n -> assertThat(n).contains("none (declared)"));
    }

    @Test
    void aGraphModelWithoutBatchAxis_passesUnderNodePermutations() {
        for (BatchAxis axis : List.of(BatchAxis.AUTO, BatchAxis.NONE)) {
            AuditReport report = Audit.of(GraphEgnn.build(5)).group("S(n)").input("permute(axis=0)", 8, 3)
                    .input("permute(axis=0)", 8, 5).output("permute(axis=0)").output("permute(axis=0)")
                    .batchAxis(axis).trials(16).seed(12).run();
            assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void reluOnCoordinates_isANonEquivariantNonlinearityAtItsLayer_neverBatchNormOrNondeterminism() {
        for (Audit.Runner runner : List.of(egnnUnderE3(GraphEgnn.withReluOnCoordinates(5)),
                egnnUnderE3(GraphEgnn.withReluOnCoordinates(5)).noBatchAxis(),
                egnnUnderE3(GraphEgnn.withReluOnCoordinates(5)).maxBatch(1))) {
            AuditReport report = runner.run();
            String text = TextReport.render(report);
            assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
            assertThat(kinds(report)).as(text).first().isEqualTo(IssueKind.NON_EQUIVARIANT_NONLINEARITY);
            assertThat(report.issues().get(0).location()).as(text).isEqualTo("layer 02LambdaBlock");
            assertThat(kinds(report)).as(text).doesNotContain(IssueKind.BATCH_COMPOSITION_DEPENDENCE,
                    IssueKind.NONDETERMINISTIC_MODEL, IssueKind.INTERACTING_ROWS);
            assertThat(report.counterexample()).as(text).hasValueSatisfying(c ->
                    assertThat(c.inputShapes()).isEqualTo("[[8, 3], [8, 5]]"));
        }
    }

    @Test
    void anEnergyWithoutBatchAxis_isInvariantUnderE3xSn() {
        AuditReport report = Audit.of(GraphEgnn.energy(4)).group("E(3) x S(n)")
                .input("position & permute(axis=0)", 7, 3).input("permute(axis=0)", 7, 4).invariant()
                .trials(16).seed(13).run();
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
    }

    @Test
    void anEnergyThatSeesRawCoordinates_fails() {
        AuditReport report = Audit.of(GraphEgnn.energyOfCoordinates(4)).group("E(3) x S(n)")
                .input("position & permute(axis=0)", 7, 3).input("permute(axis=0)", 7, 4).invariant()
                .trials(16).seed(13).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(kinds(report)).as(text).doesNotContain(IssueKind.BATCH_COMPOSITION_DEPENDENCE,
                IssueKind.NONDETERMINISTIC_MODEL);
    }

    @Test
    void declaringABatchAxisForAGraph_namesInteractingRows() {
        AuditReport report = egnnUnderE3(GraphEgnn.build(5)).batchAxis(BatchAxis.INDEPENDENT).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(kinds(report)).as(text).first().isEqualTo(IssueKind.INTERACTING_ROWS);
        assertThat(report.counterexample()).as("a failing identity is explained, not searched").isEmpty();
    }

    @Test
    void whenRowsAreIndependent_theBatchAxisCheckCostsNoForwardPassOfItsOwn() {
        AuditReport report = Audit.of(dev.equivariance.models.DeepSets.build(8)).group("S(n)")
                .input("permute(axis=1)", 4, 6, 3).invariant().samples(1).trials(2).edgeCases(false).seed(14).run();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.modelEvaluations()).as("f(x), and one stacked pass that also verifies the batch axis")
                .isEqualTo(2);
    }

    @Test
    void aModelThatKeepsRowsApart_isStillStacked() {
        AuditReport report = Audit.of(dev.equivariance.models.DeepSets.build(8)).group("S(n)")
                .input("permute(axis=1)", 4, 6, 3).invariant().trials(32).seed(14).run();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.notes()).noneMatch(n -> n.startsWith("Batch axis"));
        assertThat(report.modelEvaluations()).as("f(x) per input, one stacked pass per input, one probe")
                .isLessThanOrEqualTo(4 * 2 + 1);
    }
}
