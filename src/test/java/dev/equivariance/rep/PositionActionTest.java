package dev.equivariance.rep;

import static dev.equivariance.rep.HostTensors.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.equivariance.group.EuclideanTransform;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Groups;
import dev.equivariance.group.OrthogonalTransform;
import dev.equivariance.group.Permutation;
import dev.equivariance.group.ProductElement;
import dev.equivariance.group.Rotation;
import dev.equivariance.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Positions under E(3) and SE(3): {@code x -> x R^T + t}, a representation of the group by affine maps; vectors
 * and irreps ignore the translation; gradients (the dual) turn like vectors.
 */
class PositionActionTest {

    private static final double TOL = 1e-12;
    private static final long[] POINTS = {2, 5, 3};
    private static HostTensors tensors;

    @BeforeAll
    static void startBackend() {
        tensors = new HostTensors();
    }

    @AfterAll
    static void stopBackend() {
        tensors.close();
    }

    @BeforeEach
    void openScope() {
        tensors.beginScope();
    }

    @AfterEach
    void closeScope() {
        tensors.endScope();
    }

    @Test
    void position_rotatesThenShiftsEachPoint() {
        EuclideanTransform g = EuclideanTransform.of(Rotation.about(new double[] {0, 0, 1}, Math.PI / 2), 1, 2, 3);
        Action position = Actions.position().bind(new long[] {1, 2, 3}, Groups.e3());
        Tensor x = tensors.of(new double[] {1, 0, 0, 0, 1, 0}, 1, 2, 3);
        assertThat(position.apply(g, x).toDoubles())
                .containsExactly(new double[] {1, 3, 3, 0, 2, 3}, within(1e-15));
    }

    @Test
    void positionOnAnInnerAxis_shiftsAlongThatAxis() {
        EuclideanTransform g = EuclideanTransform.translation(10, 20, 30);
        Action position = Actions.parse("position(axis=1)").bind(new long[] {1, 3, 2}, Groups.e3());
        Tensor x = tensors.arange(1, 3, 2);   // x[0, i, j] = 2 i + j
        assertThat(position.apply(g, x).toDoubles())
                .containsExactly(new double[] {10, 11, 22, 23, 34, 35}, within(1e-15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"E(3)", "SE(3)"})
    void position_isARepresentationByAffineMaps(String groupName) {
        Group<?> group = Groups.parse(groupName);
        Action rho = Actions.position().bind(POINTS, group);
        SplittableRandom rng = new SplittableRandom(42);
        for (int t = 0; t < 50; t++) {
            GroupElement a = group.random(rng);
            GroupElement b = group.random(rng);
            Tensor x = tensors.random(rng, POINTS);
            assertThat(maxAbsDiff(rho.apply(a.compose(b), x), rho.apply(a, rho.apply(b, x))))
                    .as("rho(ab) x = rho(a) rho(b) x for a = %s, b = %s", a, b).isLessThanOrEqualTo(TOL);
            assertThat(maxAbsDiff(rho.apply(a.inverse(), rho.apply(a, x)), x)).isLessThanOrEqualTo(TOL);
        }
        for (GroupElement s : group.edgeCases()) {
            Tensor x = tensors.random(rng, POINTS);
            GroupElement a = group.random(rng);
            assertThat(maxAbsDiff(rho.apply(s.compose(a), x), rho.apply(s, rho.apply(a, x)))).isLessThanOrEqualTo(TOL);
        }
        Tensor x = tensors.random(rng, POINTS);
        assertThat(maxAbsDiff(rho.apply(group.identity(), x), x)).isZero();
    }

    @Test
    void differencesOfPositions_transformAsVectors() {
        Group<?> group = Groups.e3();
        Action position = Actions.position().bind(new long[] {1, 3}, group);
        Action vector = Actions.vector().bind(new long[] {1, 3}, group);
        SplittableRandom rng = new SplittableRandom(43);
        for (int t = 0; t < 20; t++) {
            GroupElement g = group.random(rng);
            Tensor p = tensors.random(rng, 1, 3);
            Tensor q = tensors.random(rng, 1, 3);
            assertThat(maxAbsDiff(position.apply(g, p).subtract(position.apply(g, q)), vector.apply(g, p.subtract(q))))
                    .isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void vectorsPseudovectorsAndIrreps_ignoreTheTranslation() {
        Rotation r = Rotation.about(new double[] {1, 2, 3}, 0.8);
        EuclideanTransform moved = EuclideanTransform.of(OrthogonalTransform.of(r, true), 5, -7, 2);
        OrthogonalTransform still = OrthogonalTransform.of(r, true);
        SplittableRandom rng = new SplittableRandom(44);
        for (String spec : List.of("vector", "pseudovector", "1x0o + 1x1o + 1x2e")) {
            long[] shape = spec.startsWith("1x") ? new long[] {2, 4, 9} : POINTS;
            Action underE3 = Actions.parse(spec).bind(shape, Groups.e3());
            Action underO3 = Actions.parse(spec).bind(shape, Groups.o3());
            Tensor x = tensors.random(rng, shape);
            assertThat(maxAbsDiff(underE3.apply(moved, x), underO3.apply(still, x))).as(spec).isZero();
        }
    }

    @Test
    void underGroupsWithoutTranslations_positionsTurnLikeVectors() {
        SplittableRandom rng = new SplittableRandom(45);
        for (String groupName : List.of("SO(3)", "O(3)")) {
            Group<?> group = Groups.parse(groupName);
            Action position = Actions.position().bind(POINTS, group);
            Action vector = Actions.vector().bind(POINTS, group);
            GroupElement g = group.random(rng);
            Tensor x = tensors.random(rng, POINTS);
            assertThat(maxAbsDiff(position.apply(g, x), vector.apply(g, x))).isZero();
        }
    }

    @Test
    void dualOfPosition_isTheVectorAction() {
        // gradients of an invariant loss do not translate
        assertThat(Actions.position().dual().describe()).isEqualTo("vector(axis=-1)");
        assertThat(Actions.parse("permute(axis=1) & position").dual().describe())
                .isEqualTo("permute(axis=1) & vector(axis=-1)");
    }

    @Test
    void pointCloudsUnderE3xSn_arePermutedAndMoved() {
        Group<?> group = Groups.parse("E(3) x S(3)");
        Action both = Actions.parse("permute(axis=1) & position").bind(new long[] {1, 3, 3}, group);
        EuclideanTransform motion = EuclideanTransform.translation(1, 0, 0);
        GroupElement g = ProductElement.of(List.of(motion, Permutation.of(2, 0, 1)));
        Tensor x = tensors.arange(1, 3, 3);
        assertThat(both.apply(g, x).toDoubles())
                .containsExactly(new double[] {7, 7, 8, 1, 1, 2, 4, 4, 5}, within(1e-15));
    }

    @Test
    void positionOnAnAxisOfTheWrongSize_namesTheDimensionAndTheAxis() {
        assertThatThrownBy(() -> Actions.position().bind(new long[] {2, 5, 4}, Groups.e3()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3D")
                .hasMessageContaining("axis 2").hasMessageContaining("size 4");
    }

    @Test
    void positionUnderAGroupWithoutMatrices_saysWhichGroupsFit() {
        assertThatThrownBy(() -> Actions.position().bind(new long[] {2, 5, 3}, Groups.symmetric(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("E(3), SE(3)");
    }
}
