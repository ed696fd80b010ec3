package dev.equivariance.broken;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;

/**
 * A network on vector channels {@code (batch, channels, 3)}: a norm gate, the custom {@link VectorMix} layer, a norm
 * gate. The gates are equivariant; the custom layer is not (it adds a bias to vectors).
 */
public final class VectorChannelNet {

    private VectorChannelNet() {
    }

    public static Block build(int channels) {
        return new SequentialBlock()
                .add(new LambdaBlock(VectorChannelNet::normGate, "normGate"))
                .add(new VectorMix(channels))
                .add(new LambdaBlock(VectorChannelNet::normGate, "normGate"));
    }

    /** {@code v * sigmoid(|v| - 1)} per channel: equivariant. */
    static NDList normGate(NDList in) {
        NDArray x = in.singletonOrThrow();
        NDArray norm = x.square().sum(new int[] {-1}, true).sqrt();
        return new NDList(x.mul(Activation.sigmoid(norm.sub(1))));
    }
}
