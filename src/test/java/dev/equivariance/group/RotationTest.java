package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RotationTest {

    private static final double[] X = {1, 0, 0};
    private static final double[] Y = {0, 1, 0};
    private static final double[] Z = {0, 0, 1};

    private static double[] apply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += m[i][j] * v[j];
            }
        }
        return out;
    }

    @Test
    void quarterTurnAboutZ_mapsXtoYandYtoMinusX() {
        double[][] r = Rotation.about(Z, Math.PI / 2).matrix();
        assertThat(apply(r, X)).containsExactly(new double[] {0, 1, 0}, within(1e-15));
        assertThat(apply(r, Y)).containsExactly(new double[] {-1, 0, 0}, within(1e-15));
        assertThat(apply(r, Z)).containsExactly(new double[] {0, 0, 1}, within(1e-15));
    }

    @Test
    void quarterTurnsAboutXandY_followTheRightHandRule() {
        assertThat(apply(Rotation.about(X, Math.PI / 2).matrix(), Y)).containsExactly(Z, within(1e-15));
        assertThat(apply(Rotation.about(Y, Math.PI / 2).matrix(), Z)).containsExactly(X, within(1e-15));
    }

    @Test
    void compose_actsWithTheRightFactorFirst() {
        Rotation rx = Rotation.about(X, Math.PI / 2);
        Rotation rz = Rotation.about(Z, Math.PI / 2);
        // rz ∘ rx: x stays x under rx, then rz sends it to y
        assertThat(apply(rz.compose(rx).matrix(), X)).containsExactly(Y, within(1e-15));
        // rx ∘ rz: rz sends x to y, then rx sends y to z
        assertThat(apply(rx.compose(rz).matrix(), X)).containsExactly(Z, within(1e-15));
    }

    @Test
    void angleAndAxis_roundTripThroughAbout() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            double[] axis = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double angle = rng.nextDouble(1e-3, Math.PI - 1e-3);
            Rotation r = Rotation.about(axis, angle);
            double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
            assertThat(r.angle()).isCloseTo(angle, within(1e-12));
            assertThat(r.axis()).containsExactly(new double[] {axis[0] / n, axis[1] / n, axis[2] / n}, within(1e-9));
            assertThat(BuiltInGroups.distance(Rotation.about(r.axis(), r.angle()), r)).isLessThan(1e-12);
        }
    }

    @Test
    void angleOfASmallRotation_isAccurate() {
        for (double angle : new double[] {1e-3, 1e-6, 1e-9, 1e-11}) {
            assertThat(Rotation.about(new double[] {1, 2, 3}, angle).angle()).as("angle %s", angle)
                    .isCloseTo(angle, within(angle * 1e-6));
        }
    }

    @Test
    void angleNearAHalfTurn_isAccurate() {
        for (double d : new double[] {1e-3, 1e-6, 1e-9}) {
            assertThat(Rotation.about(new double[] {1, 2, 3}, Math.PI - d).angle()).as("pi - %s", d)
                    .isCloseTo(Math.PI - d, within(d * 1e-6));
        }
    }

    @Test
    void rotationTimesItsInverse_isTheIdentityDespiteRoundOff() {
        SplittableRandom rng = new SplittableRandom(42);
        RotationGroup so3 = Groups.so3();
        for (int i = 0; i < 200; i++) {
            Rotation r = so3.random(rng);
            Rotation e = r.compose(r.inverse());
            assertThat(e.isIdentity()).as("R Rᵀ is the identity for R = %s (angle %s)", r, e.angle()).isTrue();
            assertThat(e.angle()).isLessThan(1e-12);
        }
    }

    @Test
    void smallButRealRotations_areNotTheIdentity() {
        assertThat(Rotation.about(Z, 1e-9).isIdentity()).isFalse();
        assertThat(Rotation.about(Z, 1e-9)).doesNotHaveToString("Rotation(identity)");
    }

    @Test
    void quaternion_hasNonNegativeScalarPartAndReproducesTheMatrix() {
        SplittableRandom rng = new SplittableRandom(42);
        RotationGroup so3 = Groups.so3();
        for (int i = 0; i < 50; i++) {
            Rotation r = so3.random(rng);
            double[] q = r.quaternion();
            assertThat(q[0]).isGreaterThanOrEqualTo(0);
            assertThat(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]).isCloseTo(1, within(1e-14));
            assertThat(BuiltInGroups.distance(Rotation.ofQuaternion(q[0], q[1], q[2], q[3]), r))
                    .isLessThan(1e-12);
        }
    }

    @Test
    void quaternionOfHalfTurns_reproducesTheMatrix() {
        for (double[] axis : new double[][] {X, Y, Z, {1, 1, 0}, {0, -1, 1}, {1, 1, 1}}) {
            Rotation r = Rotation.about(axis, Math.PI);
            double[] q = r.quaternion();
            assertThat(BuiltInGroups.distance(Rotation.ofQuaternion(q[0], q[1], q[2], q[3]), r)).isLessThan(1e-12);
            assertThat(r.angle()).isCloseTo(Math.PI, within(1e-12));
        }
    }

    @Test
    void ofMatrix_acceptsARotationMatrix() {
        Rotation r = Rotation.about(new double[] {1, 2, 3}, 0.7);
        assertThat(BuiltInGroups.distance(Rotation.ofMatrix(r.matrix()), r)).isZero();
    }

    @Test
    void ofMatrix_rejectsAReflection() {
        double[][] mirror = {{1, 0, 0}, {0, 1, 0}, {0, 0, -1}};
        assertThatThrownBy(() -> Rotation.ofMatrix(mirror)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("det +1");
        double[][] inversion = {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}};
        assertThatThrownBy(() -> Rotation.ofMatrix(inversion)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofMatrix_rejectsANonOrthogonalMatrix() {
        assertThatThrownBy(() -> Rotation.ofMatrix(new double[][] {{2, 0, 0}, {0, 1, 0}, {0, 0, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a rotation matrix");
    }

    @Test
    void ofMatrix_copiesItsArgument() {
        double[][] m = Matrices.identity(3);
        Rotation r = Rotation.ofMatrix(m);
        m[0][0] = 5;
        assertThat(r.isIdentity()).isTrue();
    }

    @Test
    void about_rejectsBadAxesWithAClearMessage() {
        assertThatThrownBy(() -> Rotation.about(new double[] {0, 0, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-zero 3D axis");
        assertThatThrownBy(() -> Rotation.about(new double[] {1, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3D axis");
        assertThatThrownBy(() -> Rotation.about(Z, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matrix_returnsADefensiveCopy() {
        Rotation r = Rotation.identity();
        r.matrix()[0][0] = 7;
        assertThat(r.matrix()[0][0]).isEqualTo(1);
    }

    @Test
    void orthogonalTransform_matrixIsTheSignedRotation() {
        Rotation r = Rotation.about(Z, Math.PI / 2);
        OrthogonalTransform t = OrthogonalTransform.of(r, true);
        assertThat(t.determinant()).isEqualTo(-1);
        assertThat(Matrices.maxAbsDifference(t.matrix(), Matrices.scale(r.matrix(), -1))).isZero();
        assertThat(OrthogonalTransform.inversion().compose(OrthogonalTransform.inversion()).isIdentity()).isTrue();
    }

    @Test
    void orthogonalTransform_exposesItsRotationPartOnlyWithoutInversion() {
        Rotation r = Rotation.about(Z, 0.3);
        assertThat(OrthogonalTransform.rotation(r).part(Rotation.class)).contains(r);
        assertThat(OrthogonalTransform.of(r, true).part(Rotation.class)).isEmpty();
        assertThat(OrthogonalTransform.of(r, true).part(OrthogonalMatrix.class)).isPresent();
    }
}
