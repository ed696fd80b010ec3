package dev.equivariance.broken;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** Fails although the forward pass is invariant: the gradient audit finds gradients that break the symmetry. */
@EquivarianceTest
class StraightThroughSetModelTest {

    @ModelUnderTest
    static Block model() {
        return new StraightThroughSetModel();
    }

    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 5, 3}, gradients = true,
                    samples = 2, trials = 16, seed = "9")
    void orderOfElementsDoesNotMatterForTrainingEither() {
    }
}
