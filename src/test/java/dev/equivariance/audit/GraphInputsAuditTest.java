package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.models.EdgeIndexConv;
import dev.equivariance.rep.Actions;
import dev.equivariance.report.TextReport;
import dev.equivariance.search.InputSource;
import org.junit.jupiter.api.Test;

/** Graph inputs as PyTorch Geometric writes them: an int64 {@code edge_index [2, E]} that a node permutation relabels. */
class GraphInputsAuditTest {

    private static Audit.Runner underNodePermutations(Object model, InputSource edges, long edgeCount) {
        return Audit.of(model).group("S(n)").input(Actions.parse("permute(axis=0)"), InputSource.gaussian(), 7, 4)
                .input(Actions.relabel(), edges, 2, edgeCount).output("permute(axis=0)").trials(16).seed(31);
    }

    @Test
    void aMessagePassingLayerOnEdgeIndex_passesUnderNodePermutations() {
        AuditReport report = underNodePermutations(EdgeIndexConv.build(8), InputSource.integers(0, 7), 12).run();
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
    }

    @Test
    void aMessagePassingLayerOnEdgeIndex_passesTheGradientAudit() {
        AuditReport report = underNodePermutations(EdgeIndexConv.build(8), InputSource.integers(0, 7), 12)
                .gradients(true).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        assertThat(report.gradients()).as(text).isPresent();
    }

    @Test
    void aFullyConnectedGraphBuilder_givesEveryOrderedPairOnce() {
        AuditReport report = underNodePermutations(EdgeIndexConv.build(8), InputSource.fullyConnectedGraph(), 42)
                .run();
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
    }

    @Test
    void aRelabelledInputWithoutSource_getsNodeIndicesAmongThePermutedNodes() {
        AuditReport ok = Audit.of(EdgeIndexConv.build(8)).group("S(n)").input("permute(axis=0)", 7, 4)
                .input("relabel", 2, 12).output("permute(axis=0)").trials(16).seed(32).run();
        assertThat(ok.verdict()).as(TextReport.render(ok)).isEqualTo(Verdict.PASS);
        AuditReport broken = Audit.of(EdgeIndexConv.ignoringEdgeIndex(8)).group("S(n)").input("permute(axis=0)", 7, 4)
                .input("relabel", 2, 12).output("permute(axis=0)").trials(16).seed(32).run();
        assertThat(broken.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void nodeIndicesUnderAGroupWithoutPermutations_areAClearError() {
        assertThatThrownBy(() -> Audit.of(EdgeIndexConv.build(8)).group("SO(3)").input("trivial", 7, 4)
                .input(Actions.trivial(), InputSource.nodeIndices(), 2, 12).output("trivial").run())
                .isInstanceOf(AuditException.class).hasMessageContaining("permutes no nodes");
    }

    @Test
    void aTwinThatIgnoresTheRelabelling_failsNamingTheEdgeIndexInput() {
        AuditReport report = underNodePermutations(EdgeIndexConv.ignoringEdgeIndex(8), InputSource.integers(0, 7), 12)
                .run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(report.issues()).as(text).first().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IssueKind.IGNORED_INPUT);
            assertThat(i.location()).isEqualTo("input #1");
        });
    }
}
