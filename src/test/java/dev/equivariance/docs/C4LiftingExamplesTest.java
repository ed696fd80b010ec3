package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.C4LiftingConv;

/**
 * The lifting-convolution snippets, as written: {@code liftingConvolutionIsRotationEquivariant} of
 * docs/annotations-and-configuration.md and the C4 lifting declaration of docs/groups-and-actions.md.
 */
@EquivarianceTest
class C4LiftingExamplesTest {

    @ModelUnderTest
    static Block model() { return C4LiftingConv.equivariant(2, 3); }           // 2 p4 fields: 8 channels

    @EquivariantUnder(group = "C4", input = "rot90(axes=(2,3))", output = "p4(axis=1, axes=(2,3))",
                      inputShape = {2, 1, 9, 9}, trials = 32, seed = "7")
    void liftingConvolutionIsRotationEquivariant(AuditReport report) {   // the finished audit, if you want it
        assertThat(report.endToEnd().maxRelative()).isLessThan(1e-5);
    }

    @EquivariantUnder(group = "C4", input = "rot90(axes=(2,3))", output = "p4(axis=1, axes=(2,3))",
                      inputShape = {2, 1, 9, 9})                                                         // a lifting layer
    void aLiftingLayer(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }
}
