package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.AuditSpec;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.C8SteerableCnn;
import dev.equivariance.models.SmoothDiskImages;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.InputSource;

/** The C8 declarations of docs/groups-and-actions.md, as written there, on the C8 steerable CNN of the tests. */
@EquivarianceTest
class C8ExamplesTest {

    /** Smooth images that vanish outside the inscribed disk. */
    static final InputSource mySmoothImages = new SmoothDiskImages(4, 4);

    @ModelUnderTest
    static Block model() { return C8SteerableCnn.equivariant(); }

    static AuditSpec.Builder smoothImages() {            // smooth images that vanish outside the inscribed disk
        return AuditSpec.builder().group("C8").invariant()
                .input(Actions.parse("rotate(axes=(2,3), interpolation=bicubic)"), mySmoothImages, 2, 1, 29, 29)
                .approximateExpected(true);                // with spec, the annotation's allowApproximate is not used
    }

    @InvariantUnder(group = "C8", spec = "smoothImages")                                                 // interpolated
    void interpolated(AuditReport report) {
        assertThat(report.level()).isIn(Level.APPROXIMATE, Level.EXCELLENT, Level.EXACT);
        assertThat(report.acceptable()).isTrue();
    }

    @InvariantUnder(group = "C4", input = "rotate(axes=(2,3))", inputShape = {2, 1, 29, 29}, layers = true,
                    layerActions = {"01C8Lifting=cn(axis=1, axes=(2,3), n=8)"})                          // exact
    void exactUnderQuarterTurns(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }
}
