package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Group.simplerThan: the candidates a failing transformation is shrunk to. */
class ShrinkingTest {

    static Stream<Named<Group<?>>> groups() {
        return BuiltInGroups.named();
    }

    @ParameterizedTest
    @MethodSource("groups")
    void candidates_areStrictlySimplerThanTheElement(Group<?> group) {
        checkCandidatesAreSimpler(BuiltInGroups.typed(group));
    }

    private static <E extends GroupElement> void checkCandidatesAreSimpler(Group<E> group) {
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            E e = group.random(rng);
            double c = group.complexity(e);
            assertThat(c).isGreaterThanOrEqualTo(0);
            for (E candidate : group.simplerThan(e)) {
                assertThat(group.complexity(candidate)).as("complexity of %s, a candidate for %s", candidate, e)
                        .isLessThan(c);
                assertThat(group.elementType().isInstance(candidate)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void candidates_neverIncludeTheIdentity(Group<?> group) {
        // the identity cannot break equivariance, so offering it only wastes an evaluation
        checkNoIdentity(BuiltInGroups.typed(group));
    }

    private static <E extends GroupElement> void checkNoIdentity(Group<E> group) {
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            E e = group.random(rng);
            assertThat(group.simplerThan(e)).as("candidates for %s", e).noneMatch(GroupElement::isIdentity);
        }
        for (E e : group.edgeCases()) {
            assertThat(group.simplerThan(e)).as("candidates for %s", e).noneMatch(GroupElement::isIdentity);
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void identity_hasZeroComplexityAndNothingSimpler(Group<?> group) {
        checkIdentity(BuiltInGroups.typed(group));
    }

    private static <E extends GroupElement> void checkIdentity(Group<E> group) {
        assertThat(group.complexity(group.identity())).isZero();
        assertThat(group.simplerThan(group.identity())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("groups")
    void repeatedlyTakingTheFirstCandidate_terminates(Group<?> group) {
        checkTerminates(BuiltInGroups.typed(group));
    }

    private static <E extends GroupElement> void checkTerminates(Group<E> group) {
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 20; i++) {
            E e = shrinkFully(group, group.random(rng), 10_000);
            assertThat(group.simplerThan(e)).isEmpty();
        }
    }

    private static <E extends GroupElement> E shrinkFully(Group<E> group, E start, int maxSteps) {
        E e = start;
        for (int step = 0; step < maxSteps; step++) {
            List<E> candidates = group.simplerThan(e);
            if (candidates.isEmpty()) {
                return e;
            }
            e = candidates.get(0);
        }
        throw new AssertionError("shrinking " + start + " did not stop after " + maxSteps + " steps");
    }

    @Test
    void randomPermutationOfS8_shrinksToASingleTransposition() {
        SymmetricGroup s8 = Groups.symmetric(8);
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            Permutation start = s8.random(rng);
            if (start.isIdentity()) {
                continue;
            }
            Permutation end = shrinkFully(s8, start, 1000);
            assertThat(end.movedPoints()).as("%s shrinks to %s", start, end).isEqualTo(2);
        }
    }

    @Test
    void transpositionShrinking_movesTowardTheLowestIndices() {
        SymmetricGroup s8 = Groups.symmetric(8);
        assertThat(shrinkFully(s8, Permutation.transposition(8, 4, 6), 100))
                .isEqualTo(Permutation.transposition(8, 0, 1));
        assertThat(s8.simplerThan(Permutation.transposition(8, 0, 1))).isEmpty();
    }

    @Test
    void permutationCandidates_beginWithTranspositionsTheElementPerforms() {
        SymmetricGroup s5 = Groups.symmetric(5);
        // the 3-cycle 0 -> 2 -> 4 -> 0 in take form: perm[0] = 2, perm[2] = 4, perm[4] = 0
        Permutation cycle = Permutation.of(2, 1, 4, 3, 0);
        assertThat(s5.simplerThan(cycle).get(0)).isEqualTo(Permutation.transposition(5, 0, 2));
        assertThat(s5.simplerThan(cycle)).allMatch(p -> p.movedPoints() < 3);
    }

    @Test
    void randomTranslation_shrinksToAUnitShiftOnOneAxis() {
        TranslationGroup z = Groups.translations(16, 9);
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            Translation start = z.random(rng);
            if (start.isIdentity()) {
                continue;
            }
            Translation end = shrinkFully(z, start, 1000);
            int[] signed = {end.signedShift(0), end.signedShift(1)};
            assertThat(Math.abs(signed[0]) + Math.abs(signed[1])).as("%s shrinks to %s", start, end).isEqualTo(1);
        }
    }

    @Test
    void translationCandidates_startWithAUnitShiftInTheSameDirection() {
        TranslationGroup z = Groups.translations(16, 9);
        Translation t = Translation.of(new int[] {5, -3}, new int[] {16, 9});
        assertThat(z.simplerThan(t).get(0)).isEqualTo(Translation.of(new int[] {1, 0}, new int[] {16, 9}));
        assertThat(z.simplerThan(t)).contains(Translation.of(new int[] {0, -1}, new int[] {16, 9}));
    }

    @Test
    void rotationCandidates_includeTheSameAngleAboutTheNearestCoordinateAxis() {
        RotationGroup so3 = Groups.so3();
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            Rotation r = so3.random(rng);
            double[] axis = r.axis();
            int k = 0;
            for (int j = 1; j < 3; j++) {
                if (Math.abs(axis[j]) > Math.abs(axis[k])) {
                    k = j;
                }
            }
            double[] nearest = new double[3];
            nearest[k] = Math.signum(axis[k]);
            Rotation expected = Rotation.about(nearest, r.angle());
            assertThat(so3.simplerThan(r)).as("candidates for %s", r)
                    .anySatisfy(c -> assertThat(BuiltInGroups.distance(c, expected)).isLessThan(1e-12));
            assertThat(so3.simplerThan(r).get(0).angle()).isCloseTo(r.angle(), within(1e-12));
        }
    }

    @Test
    void rotationAboutACoordinateAxis_shrinksTowardNiceAngles() {
        RotationGroup so3 = Groups.so3();
        Rotation r = Rotation.about(new double[] {0, 0, 1}, 1.3);
        List<Rotation> candidates = so3.simplerThan(r);
        assertThat(candidates).isNotEmpty().allSatisfy(c -> assertThat(c.angle()).isLessThan(1.3));
        assertThat(candidates.get(0).angle()).isCloseTo(Math.PI / 12, within(1e-12));
        assertThat(candidates).anySatisfy(c -> assertThat(c.angle()).isCloseTo(Math.PI / 3, within(1e-12)));
    }

    @Test
    void o3Candidates_dropTheInversionOrTheRotation() {
        OrthogonalGroup o3 = Groups.o3();
        OrthogonalTransform t = OrthogonalTransform.of(Rotation.about(new double[] {1, 2, 3}, 1.0), true);
        assertThat(o3.simplerThan(t)).contains(OrthogonalTransform.inversion(),
                OrthogonalTransform.rotation(t.rotationPart()));
        assertThat(o3.simplerThan(OrthogonalTransform.inversion())).isEmpty();
    }

    @Test
    void d4Candidates_areTheQuarterTurnAndTheFlipFirst() {
        SquareGroup d4 = Groups.d4();
        List<SquareSymmetry> c = d4.simplerThan(SquareSymmetry.flipThenRotate(2));
        assertThat(c.subList(0, 2)).containsExactlyInAnyOrder(SquareSymmetry.rotation(1),
                SquareSymmetry.flipThenRotate(0));
        assertThat(d4.simplerThan(SquareSymmetry.rotation(1))).isEmpty();
    }

    @Test
    void productCandidates_resetOneFactorToTheIdentity() {
        ProductGroup g = Groups.product(Groups.so3(), Groups.symmetric(4));
        ProductElement e = ProductElement.of(List.of(Rotation.about(new double[] {1, 2, 3}, 1.0),
                Permutation.of(1, 2, 3, 0)));
        List<ProductElement> c = g.simplerThan(e);
        assertThat(c).anyMatch(p -> p.factor(0).isIdentity() && p.factor(1).equals(e.factor(1)));
        assertThat(c).anyMatch(p -> p.factor(1).isIdentity() && p.factor(0).equals(e.factor(0)));
    }
}
