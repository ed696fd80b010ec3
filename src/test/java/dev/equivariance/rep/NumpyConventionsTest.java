package dev.equivariance.rep;

import static dev.equivariance.rep.HostTensors.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.equivariance.group.Groups;
import dev.equivariance.group.OrthogonalTransform;
import dev.equivariance.group.Permutation;
import dev.equivariance.group.PlanarRotation;
import dev.equivariance.group.Rotation;
import dev.equivariance.group.SquareSymmetry;
import dev.equivariance.group.Translation;
import dev.equivariance.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The actions follow numpy's conventions, checked against arrays computed by hand (and identical to what
 * {@code numpy.rot90}, {@code numpy.roll} and {@code numpy.take} return for the same inputs).
 */
class NumpyConventionsTest {

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

    /** x = [[0 1 2], [3 4 5], [6 7 8]] with a batch and a channel axis in front. */
    private Tensor grid3x3() {
        return tensors.arange(1, 1, 3, 3);
    }

    private double[] rot90(SquareSymmetry g) {
        return Actions.parse("rot90(axes=(2,3))").bind(new long[] {1, 1, 3, 3}, Groups.d4()).apply(g, grid3x3())
                .toDoubles();
    }

    @Test
    void rot90_oneQuarterTurn_matchesNumpy() {
        // np.rot90([[0,1,2],[3,4,5],[6,7,8]]) == [[2,5,8],[1,4,7],[0,3,6]]
        assertThat(rot90(SquareSymmetry.rotation(1))).containsExactly(2, 5, 8, 1, 4, 7, 0, 3, 6);
    }

    @Test
    void rot90_twoQuarterTurns_matchesNumpy() {
        assertThat(rot90(SquareSymmetry.rotation(2))).containsExactly(8, 7, 6, 5, 4, 3, 2, 1, 0);
    }

    @Test
    void rot90_threeQuarterTurns_matchesNumpy() {
        // np.rot90(x, 3) == [[6,3,0],[7,4,1],[8,5,2]]
        assertThat(rot90(SquareSymmetry.rotation(3))).containsExactly(6, 3, 0, 7, 4, 1, 8, 5, 2);
    }

    @Test
    void flip_reversesTheSecondAxis() {
        // np.flip(x, axis=1) == [[2,1,0],[5,4,3],[8,7,6]]
        assertThat(rot90(SquareSymmetry.flipThenRotate(0))).containsExactly(2, 1, 0, 5, 4, 3, 8, 7, 6);
    }

    @Test
    void flipThenRotate_flipsFirstThenTurns() {
        // np.rot90(np.flip(x, axis=1)) == [[0,3,6],[1,4,7],[2,5,8]] (the transpose)
        assertThat(rot90(SquareSymmetry.flipThenRotate(1))).containsExactly(0, 3, 6, 1, 4, 7, 2, 5, 8);
    }

    @Test
    void rot90_oneQuarterTurn_followsTheFormulaOnARandomGrid() {
        int w = 4;
        long[] shape = {2, 3, w, w};
        Tensor x = tensors.random(new SplittableRandom(42), shape);
        double[] in = x.toDoubles();
        double[] out = Actions.rot90(2, 3).bind(shape, Groups.c4()).apply(SquareSymmetry.rotation(1), x).toDoubles();
        for (int b = 0; b < 2 * 3; b++) {
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < w; j++) {
                    // y[..., i, j] = x[..., j, W-1-i]
                    assertThat(out[b * w * w + i * w + j]).isEqualTo(in[b * w * w + j * w + (w - 1 - i)]);
                }
            }
        }
    }

    @Test
    void rot90OnTheFirstTwoAxes_ofA2dTensor() {
        Tensor x = tensors.arange(3, 3);
        double[] y = Actions.rot90(0, 1).bind(new long[] {3, 3}, Groups.c4()).apply(SquareSymmetry.rotation(1), x)
                .toDoubles();
        assertThat(y).containsExactly(2, 5, 8, 1, 4, 7, 0, 3, 6);
    }

    @Test
    void rot90WithReversedAxes_turnsTheOtherWay() {
        // np.rot90(x, 1, axes=(1,0)) == np.rot90(x, -1) == [[6,3,0],[7,4,1],[8,5,2]]
        Tensor x = tensors.arange(3, 3);
        double[] y = Actions.rot90(1, 0).bind(new long[] {3, 3}, Groups.c4()).apply(SquareSymmetry.rotation(1), x)
                .toDoubles();
        assertThat(y).containsExactly(6, 3, 0, 7, 4, 1, 8, 5, 2);
    }

    @Test
    void roll_byOne_movesEachEntryOneStepForward() {
        // np.roll([0,1,2,3,4], 1) == [4,0,1,2,3], i.e. y[i] = x[i-1]
        Tensor x = tensors.arange(1, 5);
        Translation one = Translation.of(new int[] {1}, new int[] {5});
        double[] y = Actions.parse("roll(axis=1)").bind(new long[] {1, 5}, Groups.translations(5)).apply(one, x)
                .toDoubles();
        assertThat(y).containsExactly(4, 0, 1, 2, 3);
    }

    @Test
    void roll_byMinusOne_movesEachEntryOneStepBack() {
        Tensor x = tensors.arange(1, 5);
        Translation back = Translation.of(new int[] {-1}, new int[] {5});
        double[] y = Actions.roll(1).bind(new long[] {1, 5}, Groups.translations(5)).apply(back, x).toDoubles();
        assertThat(y).containsExactly(1, 2, 3, 4, 0);
    }

    @Test
    void rollOnTwoAxes_matchesNumpy() {
        // np.roll(np.arange(12).reshape(3,4), (1,-1), axes=(0,1))
        //   == [[9,10,11,8],[1,2,3,0],[5,6,7,4]]
        Tensor x = tensors.arange(1, 3, 4);
        Translation t = Translation.of(new int[] {1, -1}, new int[] {3, 4});
        double[] y = Actions.roll(1, 2).bind(new long[] {1, 3, 4}, Groups.translations(3, 4)).apply(t, x)
                .toDoubles();
        assertThat(y).containsExactly(9, 10, 11, 8, 1, 2, 3, 0, 5, 6, 7, 4);
    }

    @Test
    void permute_takesIndicesAlongTheAxis() {
        // np.take([10,20,30], [2,0,1]) == [30,10,20], i.e. y[i] = x[perm[i]]
        Tensor x = tensors.of(new double[] {10, 20, 30}, 1, 3);
        double[] y = Actions.permute(1).bind(new long[] {1, 3}, Groups.symmetric(3)).apply(Permutation.of(2, 0, 1), x)
                .toDoubles();
        assertThat(y).containsExactly(30, 10, 20);
    }

    @Test
    void permute_movesWholeSlicesOfTheOtherAxes() {
        // points (rows) of a point cloud move with their coordinates
        Tensor x = tensors.arange(1, 3, 2);
        double[] y = Actions.permute(1).bind(new long[] {1, 3, 2}, Groups.symmetric(3))
                .apply(Permutation.of(2, 0, 1), x).toDoubles();
        assertThat(y).containsExactly(4, 5, 0, 1, 2, 3);
    }

    @Test
    void vectorAction_quarterTurnAboutZ_mapsXtoY() {
        // row vectors x -> x Rᵀ: (1,0,0) -> (0,1,0) and (0,1,0) -> (-1,0,0)
        Tensor x = tensors.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
        double[] y = Actions.vector().bind(new long[] {3, 3}, Groups.so3())
                .apply(Rotation.about(new double[] {0, 0, 1}, Math.PI / 2), x).toDoubles();
        assertThat(y).containsExactly(new double[] {0, 1, 0, -1, 0, 0, 0, 0, 1}, within(1e-15));
    }

    @Test
    void vectorAction_isRowVectorTimesTheTransposedMatrix() {
        Rotation r = Groups.so3().random(new SplittableRandom(42));
        double[][] m = r.matrix();
        double[] v = {0.3, -1.2, 2.5};
        double[] y = Actions.vector().bind(new long[] {1, 3}, Groups.so3()).apply(r, tensors.of(v, 1, 3))
                .toDoubles();
        for (int i = 0; i < 3; i++) {
            double expected = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
            assertThat(y[i]).isCloseTo(expected, within(1e-14));
        }
    }

    @Test
    void vectorActionOnAnInnerAxis_rotatesThatAxis() {
        // vectors stored in columns: shape (1, 3, 2), axis 1 holds the components
        Tensor x = tensors.of(new double[] {1, 0, 0, 1, 0, 0}, 1, 3, 2);
        double[] y = Actions.vector(1).bind(new long[] {1, 3, 2}, Groups.so3())
                .apply(Rotation.about(new double[] {0, 0, 1}, Math.PI / 2), x).toDoubles();
        // column 0 was (1,0,0) -> (0,1,0); column 1 was (0,1,0) -> (-1,0,0)
        assertThat(y).containsExactly(new double[] {0, -1, 1, 0, 0, 0}, within(1e-15));
    }

    @Test
    void planarVectorAction_quarterTurnMapsXtoY() {
        Tensor x = tensors.of(new double[] {1, 0}, 1, 2);
        double[] y = Actions.vector().bind(new long[] {1, 2}, Groups.so2()).apply(PlanarRotation.of(Math.PI / 2), x)
                .toDoubles();
        assertThat(y).containsExactly(new double[] {0, 1}, within(1e-15));
    }

    @Test
    void regularC4_rollsEachBlockOfFourChannelsForwardByTheQuarterTurns() {
        // y[h] = x[g⁻¹ h]: one quarter turn gives [3,0,1,2] on each field of 4 channels
        Tensor x = tensors.arange(1, 8);
        double[] y = Actions.regular(1).bind(new long[] {1, 8}, Groups.c4()).apply(SquareSymmetry.rotation(1), x)
                .toDoubles();
        assertThat(y).containsExactly(3, 0, 1, 2, 7, 4, 5, 6);
    }

    @Test
    void regularD4_sendsTheChannelOfHToTheChannelOfGh() {
        // channels are ordered r^0..r^3, r^0 f..r^3 f; the value at h moves to g h
        var elements = Groups.d4().elements();
        Tensor x = tensors.arange(1, 8);
        Action rho = Actions.regular(1).bind(new long[] {1, 8}, Groups.d4());
        for (SquareSymmetry g : elements) {
            double[] y = rho.apply(g, x).toDoubles();
            for (int h = 0; h < 8; h++) {
                int gh = elements.indexOf(g.compose(elements.get(h)));
                assertThat(y[gh]).as("g = %s, h = %s", g, elements.get(h)).isEqualTo(h);
            }
        }
    }

    @Test
    void p4Features_turnTheGridAndRollTheRotationChannels() {
        long[] shape = {1, 4, 3, 3};
        Tensor x = tensors.random(new SplittableRandom(42), shape);
        Action p4 = Actions.parse("p4(axis=1, axes=(2,3))").bind(shape, Groups.c4());
        Action grid = Actions.rot90(2, 3).bind(shape, Groups.c4());
        Action channels = Actions.regular(1).bind(shape, Groups.c4());
        SquareSymmetry r = SquareSymmetry.rotation(1);
        assertThat(maxAbsDiff(p4.apply(r, x), channels.apply(r, grid.apply(r, x)))).isZero();
    }

    @Test
    void flip_reversesTheAxisForReflectionsOnly() {
        Tensor x = tensors.arange(1, 4);
        Action flip = Actions.flip(1).bind(new long[] {1, 4}, Groups.o2());
        assertThat(flip.apply(PlanarRotation.reflectionThenRotation(0.7), x).toDoubles()).containsExactly(3, 2, 1, 0);
        assertThat(flip.apply(PlanarRotation.of(0.7), x).toDoubles()).containsExactly(0, 1, 2, 3);
        Action flip3 = Actions.flip(1).bind(new long[] {1, 4}, Groups.o3());
        assertThat(flip3.apply(OrthogonalTransform.inversion(), x).toDoubles()).containsExactly(3, 2, 1, 0);
    }
}
