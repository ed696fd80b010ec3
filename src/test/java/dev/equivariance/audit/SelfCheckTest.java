package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import dev.equivariance.models.C4LiftingConv;
import dev.equivariance.models.DeepSets;
import dev.equivariance.report.TextReport;
import org.junit.jupiter.api.Test;

/** The audit audits itself: planted symmetry breaks must be caught by a sound declaration and missed by a vacuous one. */
class SelfCheckTest {

    @Test
    void anExactModelUnderASoundDeclaration_catchesEveryPlantedBreak_andPasses() {
        AuditReport report = Audit.of(DeepSets.build(8)).group("S(n)").input("permute(axis=1)", 4, 6, 3).invariant()
                .trials(16).seed(41).selfCheck(true).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        SelfCheckResult check = report.selfCheck().orElseThrow();
        assertThat(check.planted()).as(text).isGreaterThanOrEqualTo(1 + 7);
        assertThat(check.detected()).as(text).isEqualTo(check.planted());
        assertThat(text).contains("AUDIT SELF-CHECK");
    }

    @Test
    void theSameModelDeclaredWithATrivialInput_catchesNothing_andIsVacuous() {
        AuditReport report = Audit.of(DeepSets.build(8)).group("S(6)").input("trivial", 4, 6, 3).invariant()
                .trials(16).seed(41).selfCheck(true).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.NEEDS_ATTENTION);
        assertThat(report.selfCheck().orElseThrow().detected()).as(text).isZero();
        assertThat(report.issues()).as(text).extracting(Issue::kind).contains(IssueKind.VACUOUS_AUDIT);
    }

    @Test
    void aVacuousDeclaration_isFoundWithoutSelfCheckToo() {
        AuditReport report = Audit.of(DeepSets.build(8)).group("S(6)").input("trivial", 4, 6, 3).invariant()
                .trials(16).seed(41).run();
        assertThat(report.issues()).extracting(Issue::kind).containsExactly(IssueKind.VACUOUS_AUDIT);
        assertThat(report.verdict()).isEqualTo(Verdict.NEEDS_ATTENTION);
        assertThat(report.selfCheck()).isEmpty();
    }

    @Test
    void permutingAnAxisOfSizeOne_isVacuous() {
        AuditReport report = Audit.of(DeepSets.build(8)).group("S(n)").input("permute(axis=1)", 4, 1, 3).invariant()
                .trials(16).seed(42).run();
        assertThat(report.issues()).extracting(Issue::kind).contains(IssueKind.VACUOUS_AUDIT);
        assertThat(report.verdict()).isNotEqualTo(Verdict.PASS);
    }

    @Test
    void aLayeredP4Cnn_catchesAndLocatesEveryLayerBreak() {
        SequentialBlock cnn = new SequentialBlock().add(C4LiftingConv.equivariant(2, 3)).add(Activation.reluBlock());
        AuditReport report = Audit.of(cnn).group("C4").input("rot90(axes=(2,3))", 2, 1, 9, 9)
                .output("p4(axis=1, axes=(2,3))").samples(2).trials(8).seed(43).selfCheck(true).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        SelfCheckResult check = report.selfCheck().orElseThrow();
        assertThat(check.detected()).as(text).isEqualTo(check.planted());
        long layerMutants = check.mutants().stream().filter(m -> m.name().startsWith("after layer")).count();
        assertThat(layerMutants).as(text).isEqualTo(2);
        assertThat(check.located()).as(text).isEqualTo(2);
    }
}
