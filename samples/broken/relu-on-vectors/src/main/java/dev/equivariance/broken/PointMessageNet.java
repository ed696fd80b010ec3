package dev.equivariance.broken;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;

/**
 * Moves the points of a cloud {@code (batch, points, 3)}: a message-passing step along the differences to the other
 * points, then a gate that scales each point by a function of its length. Both are rotation-equivariant.
 *
 * <p>THE BUG: a ReLU between them, "to keep the activations positive". A ReLU acts on each coordinate separately,
 * and the coordinates of a vector are not features that may be clipped one by one: rotating the cloud changes which
 * coordinates are negative. The fix is a nonlinearity on invariants, e.g. a gate {@code v * sigmoid(f(|v|))}.
 */
public final class PointMessageNet {

    private PointMessageNet() {
    }

    /** Messages, ReLU (the bug), gate. */
    public static Block build() {
        return new SequentialBlock()
                .add(new LambdaBlock(PointMessageNet::messages, "pairMessages"))
                .add(Activation.reluBlock())
                .add(new LambdaBlock(PointMessageNet::normGate, "normGate"));
    }

    /** {@code x_i + mean_j (x_i - x_j) tanh(|x_i - x_j|^2)}: equivariant, it sees only differences and distances. */
    static NDList messages(NDList in) {
        NDArray x = in.singletonOrThrow();
        NDArray diff = x.expandDims(2).sub(x.expandDims(1));                 // (B, N, N, 3)
        NDArray weight = diff.square().sum(new int[] {-1}, true).tanh();    // (B, N, N, 1)
        return new NDList(x.add(diff.mul(weight).mean(new int[] {2})));
    }

    /** {@code v * sigmoid(|v| - 1)}: equivariant, the scale depends on the length only. */
    static NDList normGate(NDList in) {
        NDArray x = in.singletonOrThrow();
        NDArray norm = x.square().sum(new int[] {-1}, true).sqrt();
        return new NDList(x.mul(Activation.sigmoid(norm.sub(1))));
    }
}
