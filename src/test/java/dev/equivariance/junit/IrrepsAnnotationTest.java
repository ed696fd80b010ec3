package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.group.EuclideanTransform;
import dev.equivariance.models.EgnnPositions;
import dev.equivariance.models.TensorProductModel;

/** Irreps, E(3) and positions through the annotations, as a user writes them. */
@EquivarianceTest
class IrrepsAnnotationTest {

    @ModelUnderTest
    static Block tensorProduct() {
        return TensorProductModel.build();
    }

    @ModelUnderTest
    static Block egnn() {
        return EgnnPositions.build(8);
    }

    @EquivariantUnder(model = "tensorProduct", group = "O(3)", input = "4x0e + 2x1o",
            output = "2x0e + 1x1o + 1x2e", inputShape = {2, 5, 10}, dtype = "float64", trials = 16, seed = "3")
    void tensorProductLayerIsO3Equivariant(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.endToEnd().maxRelative()).isLessThan(1e-12);
    }

    @EquivariantUnder(model = "egnn", group = "E(3) x S(n)", input = "permute(axis=1) & position",
            inputShapes = "2,n,3", sizes = "n=3..7", trials = 16, seed = "4")
    void egnnIsEquivariantUnderRigidMotionsAndPermutations() {
    }

    @EquivariantUnder(model = "egnn", group = "SE(3)", input = "position", inputShape = {2, 5, 3}, trials = 16,
            seed = "5")
    void userWrittenPropertyGetsARigidMotion(EuclideanTransform g, NDArray x, Trial trial) {
        assertThat(g.linear().hasInversion()).isFalse();
        trial.assertClose(trial.forward(trial.actOnInput(x)), trial.actOnOutput(trial.forward(x)));
    }
}
