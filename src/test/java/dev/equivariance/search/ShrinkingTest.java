package dev.equivariance.search;

import dev.equivariance.audit.IssueKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Counterexample;
import dev.equivariance.audit.Verdict;
import dev.equivariance.group.Rotation;
import dev.equivariance.models.DeepSets;
import dev.equivariance.models.ShrinkTargets;
import dev.equivariance.rep.Actions;
import dev.equivariance.report.TextReport;
import dev.equivariance.tensor.DType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShrinkingTest {

    private static Counterexample counterexample(AuditReport report) {
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.FAIL);
        assertThat(report.counterexample()).as(TextReport.render(report)).isPresent();
        return report.counterexample().get();
    }

    @Test
    void whenBrokenAboveAThresholdAngleAboutZ_shrinksToThatAngleAboutZ() {
        AuditReport report = Audit.of(ShrinkTargets.brokenAboveAzimuth03()).group("SO(3)")
                .input(Actions.vector(), (shape, rng) -> new double[] {1, 0, 0}, 1, 1, 3)
                .output("vector").dtype(DType.FLOAT64).samples(1).trials(16).seed(11).run();
        Counterexample c = counterexample(report);
        Matcher m = Pattern.compile("Rotation\\(axis=\\(0,0,1\\), angle=([0-9.]+) rad\\)").matcher(c.element());
        assertThat(m.matches()).as(c.element()).isTrue();
        double angle = Rotation.about(new double[] {0, 0, 1}, Double.parseDouble(m.group(1))).angle();
        assertThat(angle).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(c.evaluations()).isLessThan(200);
    }

    @Test
    void whenBrokenWheneverPointZeroMoves_shrinksFromARandomPermutationToTransposition01() {
        AuditReport report = Audit.of(ShrinkTargets.brokenWhenPointZeroMoves()).group("S(n)")
                .input("permute(axis=1)", 2, 8, 3).output("permute(axis=1)")
                .edgeCases(false).samples(1).trials(8).seed(3).run();
        Counterexample c = counterexample(report);
        assertThat(c.originalElement()).isNotEqualTo(c.element());
        assertThat(c.element()).isEqualTo("Permutation[1 0 2 3 4 5 6 7]");
    }

    @Test
    void whenBrokenForShiftsAlongTheFirstAxisOnly_shrinksToShift10() {
        AuditReport report = Audit.of(ShrinkTargets.brokenForShiftsAlongFirstAxis()).group("Z(6)xZ(6)")
                .input("roll(axes=(2,3))", 1, 1, 6, 6).output("roll(axes=(2,3))")
                .edgeCases(false).samples(1).trials(8).seed(5).run();
        Counterexample c = counterexample(report);
        assertThat(c.element()).isEqualTo("Translation(1, 0)");
    }

    @Test
    void whenBrokenOnlyFromFivePoints_shrinksToFivePoints() {
        AuditReport report = Audit.of(ShrinkTargets.brokenFromFivePoints()).group("S(n)")
                .input("permute(axis=1)", "3,n,2").size("n", 2, 12).invariant()
                .samples(3).trials(12).seed(7).run();
        Counterexample c = counterexample(report);
        assertThat(c.inputShapes()).isEqualTo("[[1, 5, 2]]");
        assertThat(c.inputChanges()).anySatisfy(change -> assertThat(change).startsWith("n = 5"));
        assertThat(TextReport.render(report)).contains("Input simplified:");
    }

    @Test
    void shrinkingAFailureOfATenThousandParameterModel_takesFewerThan200Evaluations() {
        AuditReport report = Audit.of(DeepSets.withPositionalEmbedding(64)).group("S(n)")
                .input("permute(axis=1)", 4, 16, 3).invariant().edgeCases(false)
                .samples(2).trials(16).seed(9).shrinkBudget(100_000).run();
        Counterexample c = counterexample(report);
        assertThat(c.shrinkSteps()).isPositive();
        assertThat(c.evaluations()).isLessThan(200);
    }

    @Test
    void theSameSeed_givesTheIdenticalReportTwice_andAnotherSeedOtherElements() {
        String first = TextReport.render(Audit.of(DeepSets.withPositionalEmbedding(8)).group("S(n)")
                .input("permute(axis=1)", 2, 6, 3).invariant().trials(12).seed(42).run());
        String again = TextReport.render(Audit.of(DeepSets.withPositionalEmbedding(8)).group("S(n)")
                .input("permute(axis=1)", 2, 6, 3).invariant().trials(12).seed(42).run());
        AuditReport other = Audit.of(DeepSets.withPositionalEmbedding(8)).group("S(n)")
                .input("permute(axis=1)", 2, 6, 3).invariant().trials(12).seed(43).run();
        assertThat(again).isEqualTo(first);
        assertThat(TextReport.render(other)).isNotEqualTo(first);
        AuditReport again42 = Audit.of(DeepSets.withPositionalEmbedding(8)).group("S(n)")
                .input("permute(axis=1)", 2, 6, 3).invariant().trials(12).seed(42).run();
        assertThat(other.elements().stream().filter(e -> !e.edgeCase()).map(e -> e.element()).toList())
                .isNotEqualTo(again42.elements().stream().filter(e -> !e.edgeCase()).map(e -> e.element()).toList());
    }

    @Test
    void whenTheModelIsNoisy_itIsReportedNondeterministicNotGivenACounterexample() {
        AuditReport report = Audit.of(ShrinkTargets.noisy()).group("SO(3)").input("vector", 2, 4, 3)
                .output("vector").trials(8).seed(1).run();
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.counterexample()).isEmpty();
        assertThat(report.issues()).anySatisfy(i -> assertThat(i.kind()).isEqualTo(IssueKind.NONDETERMINISTIC_MODEL));
    }
}
