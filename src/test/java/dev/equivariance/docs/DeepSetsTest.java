package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.DeepSets;

/**
 * The 30-second example of README.md and docs/getting-started.md, as written there: a no-argument audit method passes
 * only when the audit's verdict is PASS. The second method repeats the declaration and checks the verdict itself.
 */
@EquivarianceTest
class DeepSetsTest {

    @ModelUnderTest                                   // created once per class, closed after it
    static Block model() { return DeepSets.build(16); }

    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3})
    void orderOfElementsDoesNotMatter() {}             // the extension generates x and g, compares, reports

    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3})
    void theVerdictIsPass(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.symmetry()).isEqualTo("S(10)");
    }
}
