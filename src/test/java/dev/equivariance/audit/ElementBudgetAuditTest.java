package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.equivariance.group.Groups;
import dev.equivariance.models.DeepSets;
import dev.equivariance.report.TextReport;
import dev.equivariance.search.SampledElement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Small budgets test a generic element; the notes on what was tested are right. */
class ElementBudgetAuditTest {

    /**
     * x + (x - mean)^3, coordinate by coordinate: equivariant under translations and under every signed permutation
     * of the axes (the quarter and half turns the edge cases are made of), not under a generic rotation.
     */
    private static Block cubic() {
        return new LambdaBlock(l -> {
            NDArray x = l.singletonOrThrow();
            NDArray c = x.sub(x.mean(new int[] {1}, true));
            return new NDList(x.add(c.mul(c).mul(c).mul(0.3)));
        }, "cubic");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void aModelBrokenOnlyAwayFromTheEdgeCases_failsUnderSO3WithAFewTrials(int trials) {
        AuditReport report = Audit.of(cubic()).group("SO(3)").input("vector", 2, 5, 3).output("vector")
                .trials(trials).seed(5).run();
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.FAIL);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void andUnderE3(int trials) {
        AuditReport report = Audit.of(cubic()).group("E(3)").input("position", 2, 5, 3).output("position")
                .trials(trials).seed(5).run();
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void theEdgeCasesAlone_wouldHaveMissedIt() {
        AuditReport report = Audit.of(cubic()).group("SO(3)").input("vector", 2, 5, 3).output("vector")
                .trials(16).seed(5).run();
        assertThat(report.elements()).filteredOn(ElementResult::edgeCase)
                .allSatisfy(e -> assertThat(e.maxRelative()).isLessThan(1e-4));
        assertThat(report.elements()).filteredOn(e -> !e.edgeCase())
                .allSatisfy(e -> assertThat(e.maxRelative()).isGreaterThan(1e-2));
    }

    @Test
    void theNoteOnDistinctElementsCountsTheGroupsElements() {
        AuditReport report = Audit.of(DeepSets.build(8)).group("S(n)").input("permute(axis=1)", 2, 5, 3).invariant()
                .samples(1).trials(128).seed(1).run();
        assertThat(report.transformations()).isEqualTo(120);
        assertThat(report.notes()).contains("S(5) has only 120 elements (trials = 128): each was tested once per "
                + "input.");
    }

    @Test
    void aContinuousGroupTestedOnEdgeCasesOnly_isNoted() {
        List<SampledElement> edges = Groups.so3().edgeCases().stream().limit(3)
                .map(e -> new SampledElement(e, true)).toList();
        assertThat(ReportBuilder.genericNote(Groups.so3(), edges)).hasValueSatisfying(n ->
                assertThat(n).startsWith("No generic element of SO(3) was tested"));
        List<SampledElement> mixed = List.of(edges.get(0), new SampledElement(Groups.so3().random(
                new java.util.SplittableRandom(1)), false));
        assertThat(ReportBuilder.genericNote(Groups.so3(), mixed)).isEmpty();
        assertThat(ReportBuilder.genericNote(Groups.c4(), edges.stream().limit(0).toList())).isEmpty();
    }
}
