package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Elements appear in reports as the transformation that breaks a model, so they must read like what they do. */
class ElementPrintingTest {

    private static final double[] X = {1, 0, 0};
    private static final double[] Z = {0, 0, 1};

    @Test
    void rotationAboutZ_printsAxisAndAngle() {
        assertThat(Rotation.about(Z, 0.52)).hasToString("Rotation(axis=(0,0,1), angle=0.52 rad)");
    }

    @Test
    void rotationByNegativeAngle_printsTheFlippedAxisAndAPositiveAngle() {
        assertThat(Rotation.about(Z, -0.52)).hasToString("Rotation(axis=(0,0,-1), angle=0.52 rad)");
    }

    @Test
    void rotationAboutADiagonal_printsTheUnitAxisWithTwoDecimals() {
        assertThat(Rotation.about(new double[] {1, 1, 0}, Math.PI / 2))
                .hasToString("Rotation(axis=(0.71,0.71,0), angle=1.57 rad)");
    }

    @Test
    void tinyRotation_keepsSignificantDigitsOfItsAngle() {
        assertThat(Rotation.about(X, 0.003)).hasToString("Rotation(axis=(1,0,0), angle=0.0030 rad)");
    }

    @Test
    void identityRotation_printsAsIdentity() {
        assertThat(Rotation.identity()).hasToString("Rotation(identity)");
        assertThat(Rotation.about(Z, 0)).hasToString("Rotation(identity)");
    }

    @Test
    void permutation_printsItsTakeIndices() {
        assertThat(Permutation.transposition(4, 0, 1)).hasToString("Permutation[1 0 2 3]");
        assertThat(Permutation.cycle(3)).hasToString("Permutation[1 2 0]");
    }

    @Test
    void largePermutation_printsInCycleNotation() {
        assertThat(Permutation.transposition(20, 3, 17)).hasToString("Permutation(3 17) of 20");
    }

    @Test
    void permutationCycles_omitFixedPoints() {
        assertThat(Permutation.of(1, 0, 3, 4, 2, 5).cycles()).isEqualTo("(0 1)(2 3 4)");
        assertThat(Permutation.identity(4).cycles()).isEqualTo("()");
    }

    @Test
    void translation_printsSignedShifts() {
        assertThat(Translation.of(new int[] {1, 4}, new int[] {4, 5})).hasToString("Translation(1, -1)");
        assertThat(Translation.of(new int[] {3}, new int[] {6})).hasToString("Translation(3)");
    }

    @Test
    void squareSymmetries_printAsQuarterTurnsAndFlips() {
        assertThat(SquareSymmetry.rotation(1)).hasToString("Rot90(k=1)");
        assertThat(SquareSymmetry.rotation(-1)).hasToString("Rot90(k=3)");
        assertThat(SquareSymmetry.flipThenRotate(0)).hasToString("Flip");
        assertThat(SquareSymmetry.flipThenRotate(2)).hasToString("Rot90(k=2)·Flip");
    }

    @Test
    void planarRotations_printTheAngleAndReflection() {
        assertThat(PlanarRotation.of(0.52)).hasToString("PlanarRotation(angle=0.52 rad)");
        assertThat(PlanarRotation.reflectionThenRotation(0)).hasToString("Reflection(y->-y)");
        assertThat(PlanarRotation.reflectionThenRotation(-1.2))
                .hasToString("PlanarRotation(angle=-1.20 rad)·Reflection(y->-y)");
    }

    @Test
    void orthogonalTransforms_printTheInversionBeforeTheRotation() {
        assertThat(OrthogonalTransform.inversion()).hasToString("Inversion");
        assertThat(OrthogonalTransform.of(Rotation.about(Z, 0.52), true))
                .hasToString("Inversion·Rotation(axis=(0,0,1), angle=0.52 rad)");
        assertThat(OrthogonalTransform.rotation(Rotation.about(Z, 0.52)))
                .hasToString("Rotation(axis=(0,0,1), angle=0.52 rad)");
    }

    @Test
    void productElements_printTheirFactorsInOrder() {
        ProductElement e = ProductElement.of(List.of(Rotation.about(Z, 0.52), Permutation.transposition(4, 0, 1)));
        assertThat(e).hasToString("(Rotation(axis=(0,0,1), angle=0.52 rad), Permutation[1 0 2 3])");
    }

    @Test
    void groups_printTheirNames() {
        assertThat(Groups.symmetric(10)).hasToString("S(10)");
        assertThat(Groups.translations(4, 5)).hasToString("Z(4)xZ(5)");
        assertThat(Groups.product(Groups.so3(), Groups.symmetric(4))).hasToString("SO(3) x S(4)");
        assertThat(List.of(Groups.c4(), Groups.d4(), Groups.so2(), Groups.o2(), Groups.so3(), Groups.o3()))
                .extracting(Group::name).containsExactly("C4", "D4", "SO(2)", "O(2)", "SO(3)", "O(3)");
    }
}
