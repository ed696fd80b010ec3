package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import dev.equivariance.models.DeepSets;
import dev.equivariance.models.EgnnCoordinates;
import dev.equivariance.report.TextReport;
import org.junit.jupiter.api.Test;

/** Outputs too small for float32 are named, never judged as an error of 0/0 = 0. */
class FloatLimitsTest {

    private static Block scaled(Block inner, double factor) {
        return new SequentialBlock().add(inner)
                .add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().mul(factor)), "scale"));
    }

    @Test
    void aBrokenModelWithTinyFloat32Outputs_failsAndNamesTheUnderflow() {
        AuditReport report = Audit.of(scaled(DeepSets.withPositionalEmbedding(8), 1e-25)).group("S(n)")
                .input("permute(axis=1)", 2, 6, 3).invariant().trials(12).seed(3).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isNotEqualTo(Verdict.PASS).isEqualTo(Verdict.FAIL);
        assertThat(report.endToEnd().maxRelative()).as("not 0/0 taken as 0").isGreaterThan(1e-2);
        assertThat(report.issues()).as(text).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(IssueKind.OUTPUT_UNDERFLOW);
            assertThat(i.description()).contains("underflow float32");
        });
        assertThat(report.issues().get(0).kind()).as("the forward cause first").isEqualTo(IssueKind.CUSTOM_LAYER_BUG);
    }

    @Test
    void aBrokenRotationModelWithTinyOutputs_fails() {
        AuditReport report = Audit.of(scaled(EgnnCoordinates.withReluOnVectors(8), 1e-30)).group("SO(3)")
                .input("vector", 2, 5, 3).output("vector").trials(12).seed(2).run();
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.FAIL);
        assertThat(report.issues()).anyMatch(i -> i.kind() == IssueKind.OUTPUT_UNDERFLOW);
    }

    @Test
    void aCorrectModelWithTinyOutputs_needsAttentionNotPass() {
        AuditReport report = Audit.of(scaled(DeepSets.build(8), 1e-25)).group("S(n)")
                .input("permute(axis=1)", 2, 6, 3).invariant().trials(12).seed(3).run();
        String text = TextReport.render(report);
        assertThat(report.endToEnd().maxRelative()).as(text).isLessThan(1e-4);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.NEEDS_ATTENTION);
        assertThat(report.issues()).as(text).singleElement()
                .satisfies(i -> assertThat(i.kind()).isEqualTo(IssueKind.OUTPUT_UNDERFLOW));
    }

    @Test
    void outputsOfOrdinarySize_raiseNoUnderflow() {
        AuditReport report = Audit.of(DeepSets.build(8)).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                .trials(12).seed(3).run();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.issues()).isEmpty();
    }
}
