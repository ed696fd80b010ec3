package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** DeepSets (Zaheer et al.): rho(sum_i phi(x_i)), invariant to the order of the set's elements on axis 1. */
public final class DeepSets {

    private DeepSets() {
    }

    /** The invariant model: per-element MLP, sum pooling over axis 1, MLP. */
    public static Block build(int hidden) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(hidden).build())
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().sum(new int[] {1})), "sumPool"))
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());
    }

    /** The same model with a positional embedding added to each element: the order now matters. */
    public static Block withPositionalEmbedding(int hidden) {
        return new SequentialBlock()
                .add(new LambdaBlock(list -> {
                    NDArray x = list.singletonOrThrow();
                    long n = x.getShape().get(1);
                    long d = x.getShape().get(2);
                    NDArray pos = x.getManager().arange(0f, (float) n).div(n).reshape(1, n, 1)
                            .broadcast(1, n, d).toType(x.getDataType(), false);
                    return new NDList(x.add(pos));
                }, "positionalEmbedding"))
                .add(build(hidden));
    }
}
