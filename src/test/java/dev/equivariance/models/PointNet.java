package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * PointNet's classifier without the input transform (Qi et al. 2017): a shared per-point MLP, max pooling over the
 * points, an MLP head. Input {@code (B, N, D)}, output {@code (B, classes)}.
 *
 * <p>Why it is invariant: the MLP acts on each point alone and the max over axis 1 does not depend on the order of
 * its arguments, so any permutation of the points ({@code S(N)} acting by {@code permute(axis=1)}) gives the same
 * logits, bit for bit. The broken twin adds the point's index {@code i / N} to its features before the shared MLP
 * (a positional embedding, as a sequence model would): the order now matters, and swapping any two points already
 * changes the output.
 */
public final class PointNet {

    private PointNet() {
    }

    /** The permutation-invariant classifier. */
    public static Block build(int hidden, int classes) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().max(new int[] {1})), "maxPool"))
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(classes).build());
    }

    /** The broken twin: each point's index, scaled to [0, 1), is added to its features first. */
    public static Block withIndexEmbedding(int hidden, int classes) {
        return new SequentialBlock()
                .add(new LambdaBlock(list -> {
                    NDArray x = list.singletonOrThrow();
                    long n = x.getShape().get(1);
                    NDArray index = x.getManager().arange(0f, (float) n).div(n).reshape(1, n, 1)
                            .toType(x.getDataType(), false);
                    return new NDList(x.add(index));
                }, "indexEmbedding"))
                .add(build(hidden, classes));
    }
}
