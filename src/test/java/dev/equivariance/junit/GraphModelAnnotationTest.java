package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.AuditSpec;
import dev.equivariance.audit.BatchAxis;
import dev.equivariance.audit.Verdict;
import dev.equivariance.models.EdgeIndexConv;
import dev.equivariance.models.GraphEgnn;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.InputSource;

/**
 * The graph examples of docs/graphs-and-batch-axis.md, run as written: a point-cloud network without a batch axis
 * (positions {@code [N, 3]}, features {@code [N, F]}), and a message-passing layer on an int64 {@code edge_index}.
 */
@EquivarianceTest
class GraphModelAnnotationTest {

    @ModelUnderTest("egnn")
    static Block egnn() {
        return GraphEgnn.build(5);
    }

    @ModelUnderTest("conv")
    static Block conv() {
        return EdgeIndexConv.build(8);
    }

    @EquivariantUnder(model = "egnn", group = "E(3)", inputs = {"position", "trivial"},
                      outputs = {"position", "trivial"}, inputShapes = {"8,3", "8,5"}, batchAxis = BatchAxis.NONE)
    void egnnIsE3Equivariant(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @EquivariantUnder(model = "egnn", group = "S(n)", inputs = {"permute(axis=0)", "permute(axis=0)"},
                      outputs = {"permute(axis=0)", "permute(axis=0)"}, inputShapes = {"8,3", "8,5"})
    void egnnIsNodePermutationEquivariant_batchAxisFoundMissing(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    static AuditSpec.Builder graphWithEdgeIndex() {
        return AuditSpec.builder().group("S(n)")
                .input(Actions.parse("permute(axis=0)"), InputSource.gaussian(), 7, 4)   // x [N, F]
                .input(Actions.relabel(), InputSource.integers(0, 7), 2, 12)              // edge_index [2, E], int64
                .output("permute(axis=0)");
    }

    @EquivariantUnder(model = "conv", group = "S(n)", spec = "graphWithEdgeIndex")
    void messagePassingIsNodePermutationEquivariant(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    // an input declared relabel gets random node indices among the nodes S(n) permutes, as int64, by default
    @EquivariantUnder(model = "conv", group = "S(n)", inputs = {"permute(axis=0)", "relabel"},
                      outputs = "permute(axis=0)", inputShapes = {"7,4", "2,12"})
    void messagePassingIsNodePermutationEquivariant_withDefaultEdges(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.inputs().get(1)).startsWith("relabel");
    }
}
