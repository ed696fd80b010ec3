package dev.equivariance.broken;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * A DeepSets regressor on sets {@code (batch, elements, features)} with batch normalisation after the encoder.
 * In eval mode it is invariant under reordering the elements.
 *
 * <p>THE BUG shows in training mode: batch norm then normalises with the mean and variance of the current batch, so
 * one set's prediction depends on which other sets share its batch. An audit stacks transformed inputs into batches,
 * so the "same" set gives different outputs. The fix: audit in eval mode, or use a per-sample normalisation
 * (LayerNorm over the features) in a set model.
 */
public final class SetRegressor {

    private SetRegressor() {
    }

    /** Linear, batch norm over the features, ReLU, sum over the elements, Linear. */
    public static Block build() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(BatchNorm.builder().optAxis(2).build())
                .add(Activation.reluBlock())
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().sum(new int[] {1})), "sumPool"))
                .add(Linear.builder().setUnits(1).build());
    }
}
