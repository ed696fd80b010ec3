package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.models.DeepSets;
import dev.equivariance.models.FailureModes;
import dev.equivariance.models.LayeredModels;
import dev.equivariance.report.TextReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Causes in order: forward causes first, a gradient failure of a broken forward pass only as its consequence. */
class IssueOrderTest {

    @Test
    void aForwardBrokenModelsFirstIssue_isItsForwardCause_andTheGradientFailureFollowsAsAConsequence() {
        AuditReport report = Audit.of(DeepSets.withPositionalEmbedding(8)).group("S(n)")
                .input("permute(axis=1)", 2, 6, 3).invariant().trials(12).seed(3).gradients(true).run();
        String text = TextReport.render(report);
        List<Issue> issues = report.issues();
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(issues.get(0).kind()).as(text).isEqualTo(IssueKind.CUSTOM_LAYER_BUG);
        assertThat(issues).as(text).noneMatch(i -> i.kind() == IssueKind.GRADIENTS_BREAK_SYMMETRY);
        assertThat(issues).as(text).filteredOn(i -> i.kind() == IssueKind.GRADIENTS_FOLLOW_FORWARD).singleElement()
                .satisfies(i -> {
                    assertThat(i.severity()).isEqualTo(Issue.Severity.WARNING);
                    assertThat(issues.indexOf(i)).isPositive();
                    assertThat(i.description()).doesNotContain("may look equivariant");
                });
        assertThat(text.indexOf("1. Custom layer bug")).as(text).isPositive()
                .isLessThan(text.indexOf("Gradients fail with the forward pass"));
    }

    @Test
    void aModelBrokenInItsNonlinearity_namesTheNonlinearityFirstWithGradientsOn() {
        AuditReport report = Audit.of(FailureModes.reluOnVectors()).group("SO(3)").input("vector", 2, 5, 3)
                .output("vector").trials(12).seed(1).gradients(true).run();
        String text = TextReport.render(report);
        assertThat(report.issues().get(0).kind()).as(text).isEqualTo(IssueKind.NON_EQUIVARIANT_NONLINEARITY);
        assertThat(report.issues()).as(text).noneMatch(i -> i.kind() == IssueKind.GRADIENTS_BREAK_SYMMETRY);
    }

    @Test
    void whenTheForwardPassPasses_theGradientBreakIsTheCause() {
        AuditReport report = Audit.of(LayeredModels.straightThrough()).group("S(n)").input("permute(axis=1)", 2, 5, 3)
                .invariant().trials(12).seed(8).gradients(true).run();
        String text = TextReport.render(report);
        assertThat(report.issues().get(0).kind()).as(text).isEqualTo(IssueKind.GRADIENTS_BREAK_SYMMETRY);
        assertThat(report.issues().get(0).severity()).isEqualTo(Issue.Severity.ERROR);
        assertThat(report.issues()).noneMatch(i -> i.kind() == IssueKind.GRADIENTS_FOLLOW_FORWARD);
    }
}
