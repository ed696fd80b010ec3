package dev.equivariance.samples;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** DeepSets sums over the elements of a set, so no reordering of the elements may change its prediction. */
@EquivarianceTest
class DeepSetsTest {

    /** Built once for the class; the extension initialises it with the input shape below. */
    @ModelUnderTest
    static Block model() {
        return DeepSets.build(32, 1);
    }

    /** Batches of 4 sets of 10 points in 3-D; S(n) takes n = 10 from the permuted axis. */
    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3},
                    samples = 3, trials = 32, seed = "20240517")
    void orderOfElementsDoesNotMatter(AuditReport report) {
        // The audit has passed before the body runs; the report can be inspected further.
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.symmetry()).isEqualTo("S(10)");
    }
}
