package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** C(N) and D(N) for any N: the relations that define them, their printing, parsing, edge cases and shrinking. */
class CyclicAndDihedralGroupsTest {

    private static DiscreteRotationGroup c(int n) {
        return DiscreteRotationGroup.cyclic(n);
    }

    private static DiscreteRotationGroup d(int n) {
        return DiscreteRotationGroup.dihedral(n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 16})
    void cnAndDn_haveNAnd2NDistinctElements(int n) {
        assertThat(c(n).elements()).hasSize(n).doesNotHaveDuplicates().noneMatch(DiscreteRotation::flipped);
        assertThat(d(n).elements()).hasSize(2 * n).doesNotHaveDuplicates();
        assertThat(d(n).order()).isEqualTo(2 * n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void dnCayleyTable_isALatinSquare(int n) {
        List<DiscreteRotation> all = d(n).elements();
        for (DiscreteRotation a : all) {
            Set<DiscreteRotation> row = new HashSet<>();
            Set<DiscreteRotation> column = new HashSet<>();
            for (DiscreteRotation b : all) {
                row.add(a.compose(b));
                column.add(b.compose(a));
            }
            assertThat(row).as("row of %s", a).containsExactlyInAnyOrderElementsOf(all);
            assertThat(column).as("column of %s", a).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void dn_satisfiesTheDihedralRelations(int n) {
        DiscreteRotation r = DiscreteRotation.rotation(1, n);
        DiscreteRotation f = DiscreteRotation.flipThenRotate(0, n);
        DiscreteRotation power = d(n).identity();
        for (int i = 0; i < n; i++) {
            assertThat(i == 0 || !power.isIdentity()).as("r^%d is not the identity", i).isTrue();
            power = power.compose(r);
        }
        assertThat(power.isIdentity()).as("r^N = e").isTrue();
        assertThat(f.compose(f).isIdentity()).isTrue();
        assertThat(f.compose(r).compose(f)).isEqualTo(r.inverse());
        assertThat(r.compose(f)).isEqualTo(DiscreteRotation.flipThenRotate(1, n));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 12})
    void matrices_areRotationsByTwoPiKOverN_andExactAtQuarterTurns(int n) {
        for (DiscreteRotation g : d(n).elements()) {
            double angle = 2 * Math.PI * g.steps() / n;
            double[][] m = g.matrix();
            double[][] expected = Matrices.multiply(PlanarRotation.of(angle).matrix(),
                    g.flipped() ? new double[][] {{-1, 0}, {0, 1}} : Matrices.identity(2));
            assertThat(Matrices.maxAbsDifference(m, expected)).as("%s", g).isLessThan(1e-15);
            if ((4 * g.steps()) % n == 0) {
                for (double[] row : m) {
                    for (double v : row) {
                        assertThat(v).as("%s has an integer matrix", g).isIn(-1.0, 0.0, 1.0);
                    }
                }
            }
        }
        // the flip of D(N) is D4's: x -> -x, the same matrix as SquareSymmetry's
        assertThat(DiscreteRotation.flipThenRotate(n * 3, 4 * n).matrix())
                .isDeepEqualTo(SquareSymmetry.flipThenRotate(3).matrix());
    }

    @Test
    void elements_printWithTheirFractionOfATurnAndAngle() {
        assertThat(DiscreteRotation.rotation(0, 8)).hasToString("Rotation(0/8 turn, 0°)");
        assertThat(DiscreteRotation.rotation(1, 8)).hasToString("Rotation(1/8 turn, 45°)");
        assertThat(DiscreteRotation.rotation(2, 8)).hasToString("Rotation(2/8 turn, 90°)");
        assertThat(DiscreteRotation.rotation(-1, 8)).hasToString("Rotation(7/8 turn, 315°)");
        assertThat(DiscreteRotation.rotation(1, 7)).hasToString("Rotation(1/7 turn, 51.43°)");
        assertThat(DiscreteRotation.rotation(1, 1)).hasToString("Rotation(0/1 turn, 0°)");
        assertThat(DiscreteRotation.flipThenRotate(0, 8)).hasToString("Flip");
        assertThat(DiscreteRotation.flipThenRotate(3, 8)).hasToString("Rotation(3/8 turn, 135°)·Flip");
    }

    @Test
    void c4AndD4_keepTheirSquareGroupsAndPrinting() {
        assertThat(Groups.parse("C4")).isInstanceOf(SquareGroup.class);
        assertThat(Groups.parse("C(4)")).isInstanceOf(SquareGroup.class).hasToString("C4");
        assertThat(Groups.parse("D(4)")).isInstanceOf(SquareGroup.class).hasToString("D4");
        assertThat(Groups.parse("c4").identity()).hasToString("Rot90(k=0)");
    }

    @Test
    void parse_understandsCNAndDNInBothForms() {
        assertThat(Groups.parse("C8")).isInstanceOf(DiscreteRotationGroup.class).hasToString("C8");
        assertThat(Groups.parse("C(8)")).hasToString("C8");
        assertThat(Groups.parse("c 8")).hasToString("C8");
        assertThat(Groups.parse("D(16)")).hasToString("D16");
        assertThat(Groups.parse("D3")).isInstanceOf(DiscreteRotationGroup.class).hasToString("D3");
        assertThat(Groups.parse("C1")).hasToString("C1");
        assertThat(Groups.parse("C(n)", java.util.Map.of("n", 6))).hasToString("C6");
        assertThat(Groups.parse("C8 x S(3)")).isInstanceOf(ProductGroup.class).hasToString("C8 x S(3)");
        assertThat(((DiscreteRotationGroup) Groups.parse("D8")).hasFlips()).isTrue();
    }

    @Test
    void parse_rejectsANonPositiveN_andListsTheNewNamesForUnknownGroups() {
        assertThatThrownBy(() -> Groups.parse("C(0)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive size");
        assertThatThrownBy(() -> Groups.parse("C")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown group 'C'").hasMessageContaining("C(N) or CN")
                .hasMessageContaining("D(N) or DN").hasMessageContaining("C8");
        assertThatThrownBy(() -> Groups.parse("Cyc(8)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown group 'Cyc(8)'").hasMessageContaining("C(N)");
    }

    @Test
    void edgeCases_startWithTheIdentityAndTheGenerator_andIncludeTheQuarterTurnsWhereNAllows() {
        List<DiscreteRotation> c8 = c(8).edgeCases();
        assertThat(c8.get(0).isIdentity()).isTrue();
        assertThat(c8.get(1)).isEqualTo(DiscreteRotation.rotation(1, 8));
        assertThat(c8).contains(DiscreteRotation.rotation(2, 8), DiscreteRotation.rotation(6, 8),
                DiscreteRotation.rotation(4, 8), DiscreteRotation.rotation(7, 8)).hasSize(8);
        List<DiscreteRotation> d5 = d(5).edgeCases();
        assertThat(d5.subList(1, 3)).containsExactlyInAnyOrder(DiscreteRotation.rotation(1, 5),
                DiscreteRotation.flipThenRotate(0, 5));
        assertThat(d5).hasSize(10); // small enough to test whole
        List<DiscreteRotation> c96 = c(96).edgeCases();
        assertThat(c96).contains(DiscreteRotation.rotation(24, 96), DiscreteRotation.rotation(72, 96),
                DiscreteRotation.rotation(48, 96), DiscreteRotation.rotation(95, 96)).hasSizeLessThan(10);
        assertThat(c(1).edgeCases()).containsExactly(c(1).identity());
    }

    @Test
    void shrinking_movesTowardTheGeneratorAndSmallerTurns() {
        DiscreteRotationGroup c8 = c(8);
        List<DiscreteRotation> candidates = c8.simplerThan(DiscreteRotation.rotation(3, 8));
        assertThat(candidates.get(0)).isEqualTo(DiscreteRotation.rotation(1, 8));
        assertThat(candidates).contains(DiscreteRotation.rotation(2, 8), DiscreteRotation.rotation(7, 8))
                .doesNotContain(DiscreteRotation.rotation(3, 8), DiscreteRotation.rotation(5, 8));
        assertThat(c8.simplerThan(DiscreteRotation.rotation(1, 8))).isEmpty();
        DiscreteRotationGroup d8 = d(8);
        assertThat(d8.simplerThan(DiscreteRotation.flipThenRotate(3, 8)).subList(0, 2))
                .containsExactlyInAnyOrder(DiscreteRotation.rotation(1, 8), DiscreteRotation.flipThenRotate(0, 8));
        // large N: a selection, still led by the generator, with the smaller turns k - 1 and k / 2
        DiscreteRotationGroup c360 = c(360);
        List<DiscreteRotation> big = c360.simplerThan(DiscreteRotation.rotation(100, 360));
        assertThat(big.get(0)).isEqualTo(DiscreteRotation.rotation(1, 360));
        assertThat(big).contains(DiscreteRotation.rotation(99, 360), DiscreteRotation.rotation(50, 360))
                .hasSizeLessThan(20);
    }

    @Test
    void sampling_isUniformOverTheElements() {
        DiscreteRotationGroup d3 = d(3);
        SplittableRandom rng = new SplittableRandom(42);
        java.util.Map<DiscreteRotation, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < 6000; i++) {
            counts.merge(d3.random(rng), 1, Integer::sum);
        }
        assertThat(counts).hasSize(6);
        assertThat(counts.values()).allSatisfy(v -> assertThat(v).isBetween(850, 1150));
    }

    @Test
    void c1_isTheTrivialGroup() {
        DiscreteRotationGroup c1 = c(1);
        assertThat(c1.elements()).containsExactly(c1.identity());
        assertThat(c1.random(new SplittableRandom(1)).isIdentity()).isTrue();
        assertThat(c1.generators()).containsExactly(c1.identity());
        assertThat(c1.simplerThan(c1.identity())).isEmpty();
        assertThat(c1.complexity(c1.identity())).isZero();
        assertThat(Groups.parse(c1.name()).name()).isEqualTo("C1");
    }

    @Test
    void elementsOfAnotherN_areRejected() {
        assertThatThrownBy(() -> DiscreteRotation.rotation(1, 8).compose(DiscreteRotation.rotation(1, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot compose");
        assertThatThrownBy(() -> c(8).complexity(DiscreteRotation.flipThenRotate(0, 8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an element of C8");
    }
}
