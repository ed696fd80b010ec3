package dev.equivariance.rep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.equivariance.group.Groups;
import dev.equivariance.group.Matrices;
import dev.equivariance.group.OrthogonalTransform;
import dev.equivariance.group.Rotation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real spherical harmonics and Wigner D matrices in e3nn's convention: the harmonics are checked against explicit
 * polynomials and against {@link ReferenceHarmonics} (written independently in the test), and D against the
 * defining property {@code Y^l(R v) = D^l(R) Y^l(v)} with the reference harmonics, for l = 0..8.
 */
class WignerDTest {

    private static final int LMAX = 8;
    private static final double TOL = 1e-12;

    private static double[] randomVector(SplittableRandom rng) {
        return new double[] {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
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

    // ---- the harmonics: e3nn's basis ----

    @Test
    void harmonicsOfDegreeOneAndTwo_areE3nnsPolynomialsWithYAsThePolarAxis() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int t = 0; t < 20; t++) {
            double[] v = randomVector(rng);
            double r = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            double x = v[0] / r;
            double y = v[1] / r;
            double z = v[2] / r;
            double s3 = Math.sqrt(3);
            double s15 = Math.sqrt(15);
            assertThat(SphericalHarmonics.of(0, v)).containsExactly(new double[] {1}, within(TOL));
            assertThat(SphericalHarmonics.of(1, v)).containsExactly(new double[] {s3 * x, s3 * y, s3 * z}, within(TOL));
            assertThat(SphericalHarmonics.of(2, v)).containsExactly(new double[] {
                s15 * x * z, s15 * x * y, Math.sqrt(5) * (y * y - (x * x + z * z) / 2), s15 * y * z,
                s15 / 2 * (z * z - x * x)}, within(TOL));
        }
    }

    @Test
    void harmonicsOfDegreeThree_areTheStandardTableEvaluatedAtZXY() {
        // standard real harmonics (Y_3,-3 ~ y(3x^2 - y^2), Y_3,0 ~ z(2z^2 - 3x^2 - 3y^2)) at (x, y, z) := (z, x, y)
        double[] v = {0.3, -0.5, 0.8};
        double r = Math.sqrt(0.98);
        double x = v[0] / r;
        double y = v[1] / r;
        double z = v[2] / r;
        double[] y3 = SphericalHarmonics.of(3, v);
        assertThat(y3[0]).isCloseTo(Math.sqrt(70) / 4 * x * (3 * z * z - x * x), within(TOL));
        assertThat(y3[3]).isCloseTo(Math.sqrt(7) / 2 * y * (2 * y * y - 3 * x * x - 3 * z * z), within(TOL));
        assertThat(y3[6]).isCloseTo(Math.sqrt(70) / 4 * z * (z * z - 3 * x * x), within(TOL));
    }

    @Test
    void harmonics_agreeWithAnIndependentAngularFormula_upToDegree8() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int t = 0; t < 50; t++) {
            double[] v = randomVector(rng);
            for (int l = 0; l <= LMAX; l++) {
                assertThat(SphericalHarmonics.of(l, v)).as("l = %d", l)
                        .containsExactly(ReferenceHarmonics.of(l, v), within(TOL));
            }
        }
    }

    @Test
    void harmonics_haveE3nnsComponentNormalisation() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int l = 0; l <= LMAX; l++) {
            double[] y = SphericalHarmonics.of(l, randomVector(rng));
            double sq = 0;
            for (double c : y) {
                sq += c * c;
            }
            assertThat(sq).as("|Y^%d|^2", l).isCloseTo(2 * l + 1, within(TOL));
        }
    }

    @Test
    void harmonicsOfTheZeroVector_areZeroExceptTheConstant() {
        assertThat(SphericalHarmonics.of(0, 0, 0, 0)).containsExactly(1);
        assertThat(SphericalHarmonics.of(2, 0, 0, 0)).containsOnly(0);
    }

    @Test
    void harmonicsOfNegativeDegree_areRejected() {
        assertThatThrownBy(() -> SphericalHarmonics.of(-1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 0");
    }

    // ---- Wigner D: the defining property, with harmonics written in the test ----

    @ParameterizedTest(name = "l = {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void harmonicsOfARotatedPoint_areWignerDTimesTheHarmonics(int l) {
        SplittableRandom rng = new SplittableRandom(4 + l);
        for (int t = 0; t < 30; t++) {
            Rotation r = Groups.so3().random(rng);
            double[] v = randomVector(rng);
            double[] lhs = ReferenceHarmonics.of(l, times(r.matrix(), v));
            double[] rhs = times(WignerD.of(l, r), ReferenceHarmonics.of(l, v));
            assertThat(lhs).as("Y(Rv) = D(R) Y(v) for R = %s", r).containsExactly(rhs, within(TOL));
        }
    }

    @Test
    void wignerDOfDegreeOne_isTheRotationMatrixInXyzOrder() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int t = 0; t < 20; t++) {
            Rotation r = Groups.so3().random(rng);
            assertThat(WignerD.of(1, r)).isDeepEqualTo(r.matrix());
        }
    }

    @ParameterizedTest(name = "l = {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void wignerD_isAHomomorphism(int l) {
        SplittableRandom rng = new SplittableRandom(6 + l);
        for (int t = 0; t < 20; t++) {
            Rotation a = Groups.so3().random(rng);
            Rotation b = Groups.so3().random(rng);
            assertThat(Matrices.maxAbsDifference(WignerD.of(l, a.compose(b)),
                    Matrices.multiply(WignerD.of(l, a), WignerD.of(l, b))))
                    .as("D(ab) = D(a) D(b) for a = %s, b = %s", a, b).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest(name = "l = {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void wignerD_isOrthogonalAndTheInverseIsTheTranspose(int l) {
        SplittableRandom rng = new SplittableRandom(7 + l);
        for (int t = 0; t < 20; t++) {
            Rotation a = Groups.so3().random(rng);
            double[][] d = WignerD.of(l, a);
            assertThat(Matrices.maxAbsDifference(Matrices.multiply(d, Matrices.transpose(d)),
                    Matrices.identity(2 * l + 1))).isLessThanOrEqualTo(TOL);
            assertThat(Matrices.maxAbsDifference(WignerD.of(l, a.inverse()), Matrices.transpose(d)))
                    .isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest(name = "l = {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void wignerDOfTheIdentity_isTheIdentityMatrix(int l) {
        assertThat(Matrices.maxAbsDifference(WignerD.of(l, Rotation.identity()), Matrices.identity(2 * l + 1)))
                .isLessThanOrEqualTo(TOL);
    }

    @ParameterizedTest(name = "l = {0}")
    @ValueSource(ints = {1, 2, 3, 6})
    void rotationAboutThePolarAxisY_turnsOrderMByMTimesTheAngle(int l) {
        double angle = 0.7;
        double[][] d = WignerD.of(l, Rotation.about(new double[] {0, 1, 0}, angle));
        for (int m = -l; m <= l; m++) {
            assertThat(d[l + m][l + m]).as("D[%d][%d]", m, m).isCloseTo(Math.cos(m * angle), within(TOL));
        }
        assertThat(d[l][l]).isCloseTo(1, within(TOL));
    }

    // ---- parity ----

    @ParameterizedTest(name = "l = {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void inversion_actsAsTheParityTimesTheIdentity(int l) {
        OrthogonalTransform inversion = OrthogonalTransform.inversion();
        assertThat(Matrices.maxAbsDifference(WignerD.of(l, 1, inversion), Matrices.identity(2 * l + 1)))
                .isLessThanOrEqualTo(TOL);
        assertThat(Matrices.maxAbsDifference(WignerD.of(l, -1, inversion),
                Matrices.scale(Matrices.identity(2 * l + 1), -1))).isLessThanOrEqualTo(TOL);
    }

    @ParameterizedTest(name = "l = {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void harmonicsOfDegreeL_transformWithParityMinusOneToTheL_underAllOfO3(int l) {
        // Y^l(-v) = (-1)^l Y^l(v): the harmonics are the irreps 0e, 1o, 2e, 3o, ...
        int parity = l % 2 == 0 ? 1 : -1;
        SplittableRandom rng = new SplittableRandom(8 + l);
        for (int t = 0; t < 30; t++) {
            OrthogonalTransform g = Groups.o3().random(rng);
            double[] v = randomVector(rng);
            double[] lhs = ReferenceHarmonics.of(l, times(g.matrix(), v));
            double[] rhs = times(WignerD.of(l, parity, g), ReferenceHarmonics.of(l, v));
            assertThat(lhs).as("g = %s", g).containsExactly(rhs, within(TOL));
        }
    }

    @Test
    void improperElements_followTheParityRule() {
        // D_(l,p)(g) = p^[det g < 0] D^l(det(g) g)
        SplittableRandom rng = new SplittableRandom(9);
        for (int t = 0; t < 10; t++) {
            Rotation r = Groups.so3().random(rng);
            OrthogonalTransform improper = OrthogonalTransform.of(r, true);
            for (int l = 0; l <= 4; l++) {
                assertThat(Matrices.maxAbsDifference(WignerD.of(l, 1, improper), WignerD.of(l, r)))
                        .isLessThanOrEqualTo(TOL);
                assertThat(Matrices.maxAbsDifference(WignerD.of(l, -1, improper),
                        Matrices.scale(WignerD.of(l, r), -1))).isLessThanOrEqualTo(TOL);
                assertThat(Matrices.maxAbsDifference(WignerD.of(l, -1, OrthogonalTransform.rotation(r)),
                        WignerD.of(l, r))).isLessThanOrEqualTo(TOL);
            }
        }
    }

    @Test
    void aReflectionMatrix_isRejectedWithAHintAtTheParityForm() {
        double[][] mirror = {{1, 0, 0}, {0, 1, 0}, {0, 0, -1}};
        assertThatThrownBy(() -> WignerD.of(2, mirror)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a rotation matrix").hasMessageContaining("parity");
        assertThatThrownBy(() -> WignerD.of(2, 2, OrthogonalTransform.inversion()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("+1 (e) or -1 (o)");
        assertThatThrownBy(() -> WignerD.of(1, Groups.so2().random(new SplittableRandom(1)).matrix()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 x 3");
    }
}
