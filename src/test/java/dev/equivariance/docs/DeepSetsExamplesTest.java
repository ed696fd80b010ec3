package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.group.Permutation;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.junit.Trial;
import dev.equivariance.models.DeepSets;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The DeepSets snippets of the user guide, as written there: the S(n) declaration of docs/groups-and-actions.md, the
 * composed annotation {@code @OrderFree} of docs/annotations-and-configuration.md and the property method of
 * docs/seeds-shrinking-properties.md.
 */
@EquivarianceTest
class DeepSetsExamplesTest {

    @ModelUnderTest
    static Block model() { return DeepSets.build(16); }

    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3})                // a set -> a score
    void aSetToAScore(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3})
    public @interface OrderFree {}

    @OrderFree
    void orderOfElementsDoesNotMatter() {}          // audited like @InvariantUnder(...) itself

    @OrderFree
    void theComposedAnnotationIsAudited(AuditReport report) {
        assertThat(report.symmetry()).isEqualTo("S(10)");
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 64)
    void orderDoesNotMatter(Permutation g, NDArray x, Trial trial) {
        trial.assertClose(trial.forward(trial.actOnInput(x)), trial.forward(x));
    }
}
