package dev.equivariance.broken;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * DeepSets, {@code rho(sum_i phi(x_i))}, on sets {@code (batch, elements, features)}, with a positional embedding
 * borrowed from a sequence model: element i gets {@code i / n} added to its features before the encoder.
 *
 * <p>THE BUG: a set has no positions. The embedding tells the encoder where each element sits in the input order,
 * so reordering the elements changes the prediction. The fix: drop the embedding.
 */
public final class PositionalDeepSets {

    private PositionalDeepSets() {
    }

    public static Block build(int hidden) {
        return new SequentialBlock()
                .add(new LambdaBlock(PositionalDeepSets::positionalEmbedding, "positionalEmbedding"))
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().sum(new int[] {1})), "sumPool"))
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    /** Adds {@code i / n} to every feature of element i. */
    static NDList positionalEmbedding(NDList in) {
        NDArray x = in.singletonOrThrow();
        long n = x.getShape().get(1);
        NDArray ramp = x.getManager().arange(0f, (float) n).div(n).toType(x.getDataType(), false).reshape(1, n, 1);
        return new NDList(x.add(ramp));
    }
}
