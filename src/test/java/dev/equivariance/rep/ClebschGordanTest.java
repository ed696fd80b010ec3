package dev.equivariance.rep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.equivariance.group.Groups;
import dev.equivariance.group.OrthogonalTransform;
import dev.equivariance.group.Rotation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real Clebsch-Gordan coefficients: they intertwine the Wigner D matrices, have unit norm, and known forms. */
class ClebschGordanTest {

    private static final double TOL = 1e-12;

    static Stream<Arguments> triples() {
        List<Arguments> out = new ArrayList<>();
        for (int l1 = 0; l1 <= 3; l1++) {
            for (int l2 = 0; l2 <= 3; l2++) {
                for (int l3 = Math.abs(l1 - l2); l3 <= l1 + l2; l3++) {
                    out.add(Arguments.of(l1, l2, l3));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x {1} -> {2}")
    @MethodSource("triples")
    void coupledProduct_turnsWithTheOutputDegree(int l1, int l2, int l3) {
        double[][][] c = ClebschGordan.coefficients(l1, l2, l3);
        SplittableRandom rng = new SplittableRandom(100 * l1 + 10 * l2 + l3);
        for (int t = 0; t < 10; t++) {
            Rotation r = Groups.so3().random(rng);
            double[] a = random(rng, 2 * l1 + 1);
            double[] b = random(rng, 2 * l2 + 1);
            double[] lhs = couple(c, times(WignerD.of(l1, r), a), times(WignerD.of(l2, r), b));
            double[] rhs = times(WignerD.of(l3, r), couple(c, a, b));
            assertThat(lhs).as("C(D1 a, D2 b) = D3 C(a, b) for R = %s", r).containsExactly(rhs, within(TOL));
        }
    }

    @ParameterizedTest(name = "{0} x {1} -> {2}")
    @MethodSource("triples")
    void coefficients_haveUnitNormAndAreNotZero(int l1, int l2, int l3) {
        double sq = 0;
        for (double[][] plane : ClebschGordan.coefficients(l1, l2, l3)) {
            for (double[] row : plane) {
                for (double v : row) {
                    sq += v * v;
                }
            }
        }
        assertThat(sq).isCloseTo(1, within(TOL));
    }

    @Test
    void vectorTimesVectorToScalar_isTheDotProduct() {
        double[][][] c = ClebschGordan.coefficients(1, 1, 0);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(c[i][j][0]).isCloseTo(i == j ? 1 / Math.sqrt(3) : 0, within(TOL));
            }
        }
    }

    @Test
    void vectorTimesVectorToVector_isTheCrossProduct() {
        double[] a = {0.3, -1.2, 0.7};
        double[] b = {2.0, 0.1, -0.4};
        double[] cross = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
        double[] coupled = couple(ClebschGordan.coefficients(1, 1, 1), a, b);
        for (int k = 0; k < 3; k++) {
            assertThat(coupled[k]).isCloseTo(cross[k] / Math.sqrt(6), within(TOL));
        }
    }

    @Test
    void scalarTimesAnything_isTheIdentityOverTheSquareRootOfTheDimension() {
        double[][][] c = ClebschGordan.coefficients(0, 2, 2);
        for (int j = 0; j < 5; j++) {
            for (int k = 0; k < 5; k++) {
                assertThat(c[0][j][k]).isCloseTo(j == k ? 1 / Math.sqrt(5) : 0, within(TOL));
            }
        }
    }

    @Test
    void twoVectorsToDegreeTwo_isEvenUnderInversion() {
        // 1o x 1o -> 2e: under the inversion both inputs flip sign and the coupled output does not
        double[][][] c = ClebschGordan.coefficients(1, 1, 2);
        double[] a = {0.3, -1.2, 0.7};
        double[] b = {2.0, 0.1, -0.4};
        double[] minusA = {-0.3, 1.2, -0.7};
        double[] minusB = {-2.0, -0.1, 0.4};
        assertThat(couple(c, minusA, minusB)).containsExactly(
                times(WignerD.of(2, 1, OrthogonalTransform.inversion()), couple(c, a, b)), within(TOL));
    }

    @Test
    void degreesOutsideTheTriangle_areRejected() {
        assertThatThrownBy(() -> ClebschGordan.coefficients(1, 1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("|l1 - l2| <= l3 <= l1 + l2");
        assertThatThrownBy(() -> ClebschGordan.coefficients(3, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void coefficients_areAFreshCopyEachTime() {
        double[][][] c = ClebschGordan.coefficients(1, 1, 0);
        c[0][0][0] = 42;
        assertThat(ClebschGordan.coefficients(1, 1, 0)[0][0][0]).isCloseTo(1 / Math.sqrt(3), within(TOL));
    }

    static double[] couple(double[][][] c, double[] a, double[] b) {
        double[] out = new double[c[0][0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                for (int k = 0; k < out.length; k++) {
                    out[k] += c[i][j][k] * a[i] * b[j];
                }
            }
        }
        return out;
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += m[i][j] * v[j];
            }
        }
        return out;
    }

    private static double[] random(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return v;
    }
}
