package dev.equivariance.broken;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;

/**
 * Two coordinate updates of an E(n)-equivariant graph network: every point moves along its differences to the
 * others, weighted by a function of the distances. The output is the moved cloud {@code (batch, points, 3)}, which
 * rotates with the input: the model is rotation-EQUIVARIANT, and correct.
 *
 * <p>THE BUG is in the test: it declares the model invariant, as if it returned an energy. The report says which
 * output action does fit.
 */
public final class CoordinateUpdate {

    private CoordinateUpdate() {
    }

    public static Block build() {
        return new SequentialBlock()
                .add(new LambdaBlock(CoordinateUpdate::update, "coordinateUpdate"))
                .add(new LambdaBlock(CoordinateUpdate::update, "coordinateUpdate"));
    }

    /** {@code x_i + mean_j (x_i - x_j) exp(-|x_i - x_j|^2)}. */
    static NDList update(NDList in) {
        NDArray x = in.singletonOrThrow();
        NDArray diff = x.expandDims(2).sub(x.expandDims(1));
        NDArray weight = diff.square().sum(new int[] {-1}, true).neg().exp();
        return new NDList(x.add(diff.mul(weight).mean(new int[] {2})));
    }
}
