package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** C4, D4, Z(n) x Z(m), SO(2) and O(2): the relations that define them. */
class FiniteAndPlanarGroupsTest {

    @Test
    void c4AndD4_haveFourAndEightDistinctElements() {
        assertThat(Groups.c4().elements()).hasSize(4).doesNotHaveDuplicates();
        assertThat(Groups.d4().elements()).hasSize(8).doesNotHaveDuplicates();
        assertThat(Groups.c4().elements()).noneMatch(SquareSymmetry::flipped);
    }

    @Test
    void d4CayleyTable_isALatinSquare() {
        List<SquareSymmetry> all = Groups.d4().elements();
        for (SquareSymmetry a : all) {
            Set<SquareSymmetry> row = new HashSet<>();
            Set<SquareSymmetry> column = new HashSet<>();
            for (SquareSymmetry b : all) {
                row.add(a.compose(b));
                column.add(b.compose(a));
            }
            assertThat(row).as("row of %s", a).containsExactlyInAnyOrderElementsOf(all);
            assertThat(column).as("column of %s", a).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void d4_satisfiesTheDihedralRelations() {
        SquareSymmetry r = SquareSymmetry.rotation(1);
        SquareSymmetry f = SquareSymmetry.flipThenRotate(0);
        assertThat(r.compose(r).compose(r).compose(r).isIdentity()).isTrue();
        assertThat(f.compose(f).isIdentity()).isTrue();
        assertThat(f.compose(r).compose(f)).isEqualTo(r.inverse());
        assertThat(r.compose(f)).isEqualTo(SquareSymmetry.flipThenRotate(1));
        assertThat(r.compose(r).compose(r).compose(r).compose(f).isIdentity()).isFalse();
    }

    @Test
    void squareSymmetryMatrices_areTheExpectedIntegerMatrices() {
        assertThat(SquareSymmetry.rotation(1).matrix()).isDeepEqualTo(new double[][] {{0, -1}, {1, 0}});
        assertThat(SquareSymmetry.flipThenRotate(0).matrix()).isDeepEqualTo(new double[][] {{-1, 0}, {0, 1}});
        assertThat(SquareSymmetry.flipThenRotate(0).determinant()).isEqualTo(-1);
        assertThat(SquareSymmetry.rotation(3).determinant()).isEqualTo(1);
    }

    @Test
    void c4Sampling_isUniform() {
        SplittableRandom rng = new SplittableRandom(42);
        int[] counts = new int[4];
        for (int i = 0; i < 4000; i++) {
            counts[Groups.c4().random(rng).quarterTurns()]++;
        }
        // Binomial(4000, 1/4): mean 1000, sd 27.4; 5 sd bounds
        assertThat(java.util.Arrays.stream(counts).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(863, 1137));
    }

    @Test
    void translations_addShiftsModuloTheAxisSizes() {
        Translation a = Translation.of(new int[] {3, 4}, new int[] {4, 5});
        Translation b = Translation.of(new int[] {2, 3}, new int[] {4, 5});
        assertThat(a.compose(b).shifts()).containsExactly(1, 2);
        assertThat(a.inverse().shifts()).containsExactly(1, 1);
        assertThat(Translation.of(new int[] {-1, 7}, new int[] {4, 5}).shifts()).containsExactly(3, 2);
    }

    @Test
    void signedShift_liesInTheSymmetricRange() {
        int[] moduli = {6};
        assertThat(Translation.of(new int[] {3}, moduli).signedShift(0)).isEqualTo(3);
        assertThat(Translation.of(new int[] {4}, moduli).signedShift(0)).isEqualTo(-2);
        assertThat(Translation.of(new int[] {5}, new int[] {5}).signedShift(0)).isZero();
    }

    @Test
    void translationsOfDifferentGroups_doNotCompose() {
        Translation a = Translation.of(new int[] {1}, new int[] {4});
        Translation b = Translation.of(new int[] {1}, new int[] {5});
        assertThatThrownBy(() -> a.compose(b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Translation.of(new int[] {1, 2}, new int[] {4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one shift per axis");
    }

    @Test
    void translationGroup_generatorsAreUnitShiftsOnEachAxis() {
        TranslationGroup g = Groups.translations(4, 5);
        assertThat(g.generators()).containsExactly(Translation.of(new int[] {1, 0}, new int[] {4, 5}),
                Translation.of(new int[] {0, 1}, new int[] {4, 5}));
        assertThat(g.edgeCases().get(0).isIdentity()).isTrue();
        assertThat(g.edgeCases()).doesNotHaveDuplicates();
    }

    @Test
    void planarRotations_addAnglesAndReflectionsReverseThem() {
        PlanarRotation a = PlanarRotation.of(0.4);
        PlanarRotation b = PlanarRotation.of(0.5);
        PlanarRotation f = PlanarRotation.reflectionThenRotation(0);
        assertThat(a.compose(b).angle()).isCloseTo(0.9, within(1e-15));
        assertThat(f.compose(a).compose(f).angle()).isCloseTo(-0.4, within(1e-15));
        assertThat(f.compose(f).isIdentity()).isTrue();
    }

    @Test
    void planarAngles_wrapIntoMinusPiToPi() {
        assertThat(PlanarRotation.of(3 * Math.PI / 2).angle()).isCloseTo(-Math.PI / 2, within(1e-15));
        assertThat(PlanarRotation.of(-Math.PI).angle()).isCloseTo(Math.PI, within(1e-15));
        assertThat(PlanarRotation.of(2 * Math.PI).isIdentity()).isTrue();
    }

    @Test
    void planarReflection_negatesY() {
        double[][] m = PlanarRotation.reflectionThenRotation(0).matrix();
        assertThat(m[0]).containsExactly(new double[] {1, 0}, within(1e-15));
        assertThat(m[1]).containsExactly(new double[] {0, -1}, within(1e-15));
    }

    @Test
    void o2Sampling_drawsReflectionsAboutHalfTheTimeAndAnglesUniformly() {
        SplittableRandom rng = new SplittableRandom(42);
        int reflections = 0;
        double sum = 0;
        double sumSq = 0;
        int n = 10000;
        for (int i = 0; i < n; i++) {
            PlanarRotation p = Groups.o2().random(rng);
            reflections += p.reflected() ? 1 : 0;
            sum += p.angle();
            sumSq += p.angle() * p.angle();
        }
        // Binomial(10000, 1/2): sd 50; uniform angle on (-pi, pi]: mean 0 (sd of mean 0.018), E[a^2] = pi^2/3
        assertThat(reflections).isBetween(4750, 5250);
        assertThat(sum / n).isCloseTo(0, within(0.09));
        assertThat(sumSq / n).isCloseTo(Math.PI * Math.PI / 3, within(0.15));
        assertThat(Groups.so2().random(new SplittableRandom(1)).reflected()).isFalse();
    }

    @Test
    void o3Sampling_drawsTheInversionAboutHalfTheTime() {
        SplittableRandom rng = new SplittableRandom(42);
        int inversions = 0;
        for (int i = 0; i < 10000; i++) {
            inversions += Groups.o3().random(rng).hasInversion() ? 1 : 0;
        }
        assertThat(inversions).isBetween(4750, 5250);
    }

    @Test
    void productElement_findsTheFactorOfTheRequestedType() {
        Rotation r = Rotation.about(new double[] {0, 0, 1}, 0.3);
        Permutation p = Permutation.cycle(4);
        ProductElement e = ProductElement.of(List.of(r, p));
        assertThat(e.part(Rotation.class)).contains(r);
        assertThat(e.part(OrthogonalMatrix.class)).contains(r);
        assertThat(e.part(Permutation.class)).contains(p);
        assertThat(e.part(Translation.class)).isEmpty();
    }

    @Test
    void productElementWithTwoFactorsOfOneType_refusesToGuess() {
        ProductElement e = ProductElement.of(List.of(Permutation.cycle(3), Permutation.cycle(4)));
        assertThatThrownBy(() -> e.part(Permutation.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("factor=i");
    }

    @Test
    void productGroup_generatorsMoveOneFactorAtATime() {
        ProductGroup g = Groups.product(Groups.c4(), Groups.symmetric(3));
        assertThat(g.generators()).hasSize(3).allSatisfy(e -> assertThat(
                e.factors().stream().filter(f -> !f.isIdentity()).count()).isEqualTo(1));
        assertThat(g.identity().isIdentity()).isTrue();
    }
}
