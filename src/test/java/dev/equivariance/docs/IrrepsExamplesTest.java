package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.group.Rotation;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.TensorProductModel;
import dev.equivariance.rep.ClebschGordan;
import dev.equivariance.rep.Irreps;
import dev.equivariance.rep.SphericalHarmonics;
import dev.equivariance.rep.WignerD;
import org.junit.jupiter.api.Test;

/**
 * The irreps snippets of docs/groups-and-actions.md ("Irreps, E(3) and planar frequencies"), as written there: the
 * O(3) declaration on the tensor-product model of the tests, and the public irreps objects.
 */
@EquivarianceTest
class IrrepsExamplesTest {

    @ModelUnderTest
    static Block model() { return TensorProductModel.build(); }

    @EquivariantUnder(group = "O(3)", input = "4x0e + 2x1o", output = "2x0e + 1x1o + 1x2e", inputShape = {2, 5, 10})
    void layerIsO3Equivariant() {}

    @Test
    void theIrrepsObjects() {
        Rotation rotation = Rotation.about(new double[] {0, 0, 1}, 0.52);
        Rotation g = rotation;
        double[] point = {0.3, -0.4, 1.2};

        Irreps irreps = Irreps.parse("4x0e + 2x1o");           // dim() = 10, simplify(), terms(), toString() in e3nn form
        double[][] d = irreps.matrix(g);                        // block-diagonal D(g) for an element of O(3), SO(3) or E(3)
        double[][] d2 = WignerD.of(2, rotation);                // D^2(R); WignerD.of(l, parity, element) for O(3)
        double[] y2 = SphericalHarmonics.of(2, point);          // e3nn's 'component' normalisation, |Y^l|² = 2l+1
        double[][][] c = ClebschGordan.coefficients(1, 1, 2);   // C[i][j][k], unit norm: couples 1 x 1 -> 2

        assertThat(irreps.dim()).isEqualTo(10);
        assertThat(irreps.toString()).isEqualTo("4x0e + 2x1o");
        assertThat(d).hasDimensions(10, 10);
        assertThat(d2).hasDimensions(5, 5);
        double norm = 0;
        for (double v : y2) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.length).isEqualTo(3);
        assertThat(c[0].length).isEqualTo(3);
        assertThat(c[0][0].length).isEqualTo(5);
    }
}
