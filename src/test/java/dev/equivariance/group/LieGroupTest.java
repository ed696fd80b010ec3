package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generators and the exponential map of the continuous groups: exp(0) is the identity, exp(s) exp(t) = exp(s + t)
 * along one generator, the matrices' derivatives at 0 are the expected rotation generators, and finite groups have none.
 */
class LieGroupTest {

    private static final List<Group<?>> CONTINUOUS = List.of(Groups.parse("SO(2)"), Groups.parse("O(2)"),
            Groups.parse("SO(3)"), Groups.parse("O(3)"), Groups.parse("SE(3)"), Groups.parse("E(3)"),
            Groups.parse("SO(3) x S(4)"));

    @Test
    void everyContinuousGroupHasGenerators_oneParameterSubgroupsThroughTheIdentity() {
        for (Group<?> g : CONTINUOUS) {
            assertThat(g).isInstanceOf(LieGroup.class);
            LieGroup<?> lie = (LieGroup<?>) g;
            assertThat(lie.generatorNames()).as(g.name()).isNotEmpty().doesNotHaveDuplicates();
            for (int i = 0; i < lie.generatorNames().size(); i++) {
                assertThat(lie.exp(i, 0).isIdentity()).as("%s exp(0 A_%d)", g.name(), i).isTrue();
                GroupElement st = lie.exp(i, 0.3).compose(lie.exp(i, 0.4));
                assertThat(BuiltInGroups.distance(st, lie.exp(i, 0.7))).as("%s exp(sA)exp(tA)", g.name())
                        .isLessThan(1e-12);
                assertThat(BuiltInGroups.distance(lie.exp(i, 0.5).inverse(), lie.exp(i, -0.5))).isLessThan(1e-12);
            }
        }
    }

    @Test
    void generatorCountsMatchTheDimensionOfTheGroup() {
        assertThat(((LieGroup<?>) Groups.parse("SO(2)")).generatorNames()).hasSize(1);
        assertThat(((LieGroup<?>) Groups.parse("O(2)")).generatorNames()).hasSize(1);
        assertThat(((LieGroup<?>) Groups.parse("SO(3)")).generatorNames()).hasSize(3);
        assertThat(((LieGroup<?>) Groups.parse("O(3)")).generatorNames()).hasSize(3);
        assertThat(((LieGroup<?>) Groups.parse("E(3)")).generatorNames()).hasSize(6);
        assertThat(((LieGroup<?>) Groups.parse("SO(3) x S(4)")).generatorNames())
                .containsExactly("SO(3): rotation about x", "SO(3): rotation about y", "SO(3): rotation about z");
        assertThat(((LieGroup<?>) Groups.parse("S(4) x Z(3)")).generatorNames()).isEmpty();
    }

    @Test
    void so3Generators_differentiateToTheCrossProductMatrices() {
        LieGroup<?> so3 = (LieGroup<?>) Groups.parse("SO(3)");
        double h = 1e-6;
        double[][][] expected = {
            {{0, 0, 0}, {0, 0, -1}, {0, 1, 0}},
            {{0, 0, 1}, {0, 0, 0}, {-1, 0, 0}},
            {{0, -1, 0}, {1, 0, 0}, {0, 0, 0}}};
        for (int i = 0; i < 3; i++) {
            double[][] plus = ((Rotation) so3.exp(i, h)).matrix();
            double[][] minus = ((Rotation) so3.exp(i, -h)).matrix();
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat((plus[r][c] - minus[r][c]) / (2 * h)).as("A_%d[%d][%d]", i, r, c)
                            .isCloseTo(expected[i][r][c], org.assertj.core.data.Offset.offset(1e-8));
                }
            }
        }
    }

    @Test
    void finiteGroupsAreNotLieGroups() {
        for (String name : List.of("C8", "D5", "C4", "D4", "S(5)", "Z(8)")) {
            assertThat(Groups.parse(name)).as(name).isNotInstanceOf(LieGroup.class);
        }
    }

    @Test
    void planarAngles_ofRotationElements_inDegrees() {
        assertThat(PlanarAngle.of(DiscreteRotation.rotation(3, 8))).hasValue(new PlanarAngle(135, false));
        assertThat(PlanarAngle.of(DiscreteRotation.flipThenRotate(1, 5))).hasValue(new PlanarAngle(72, true));
        assertThat(PlanarAngle.of(SquareSymmetry.rotation(3))).hasValue(new PlanarAngle(270, false));
        assertThat(PlanarAngle.of(PlanarRotation.of(-Math.PI / 2)).orElseThrow().degrees()).isCloseTo(270,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(PlanarAngle.of(Rotation.identity())).isEmpty();
    }
}
