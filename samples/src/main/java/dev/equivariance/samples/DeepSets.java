package dev.equivariance.samples;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * DeepSets (Zaheer et al., 2017): a model of sets, {@code f(X) = rho(sum_i phi(x_i))}.
 *
 * <p>The input is a batch of sets, shape {@code (batch, elements, features)}. The encoder {@code phi} is applied to
 * every element independently, the sum over the element axis forgets their order, and the decoder {@code rho} maps
 * the pooled vector to the prediction. Any reordering of the elements therefore gives the same output: the model is
 * invariant under the symmetric group S(n) acting on axis 1.
 */
public final class DeepSets {

    private DeepSets() {
    }

    /**
     * Builds an uninitialised DeepSets regressor.
     *
     * @param hidden width of the encoder and decoder layers
     * @param outputs number of outputs per set
     * @return a block mapping {@code (batch, n, d)} to {@code (batch, outputs)}
     */
    public static Block build(int hidden, int outputs) {
        return new SequentialBlock()
                .add(encoder(hidden))
                .add(new LambdaBlock(DeepSets::sumOverElements, "sumOverElements"))
                .add(decoder(hidden, outputs));
    }

    /** phi: a two-layer perceptron applied to each element (DJL's Linear acts on the last axis). */
    private static Block encoder(int hidden) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu);
    }

    /** rho: a two-layer perceptron on the pooled set representation. */
    private static Block decoder(int hidden, int outputs) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(outputs).build());
    }

    /** The permutation-invariant pooling: sum over the element axis, {@code (b, n, h) -> (b, h)}. */
    private static NDList sumOverElements(NDList input) {
        return new NDList(input.singletonOrThrow().sum(new int[] {1}));
    }
}
