package dev.equivariance.broken;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** Fails: the counterexample shrinks to swapping the first two elements, and the embedding layer is named. */
@EquivarianceTest
class PositionalDeepSetsTest {

    @ModelUnderTest
    static Block model() {
        return PositionalDeepSets.build(16);
    }

    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3},
                    samples = 2, trials = 16, seed = "8")
    void orderOfElementsDoesNotMatter() {
    }
}
