package dev.equivariance.broken;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** Fails: the report names the custom layer VectorMix as the one layer that breaks equivariance. */
@EquivarianceTest
class VectorChannelNetTest {

    @ModelUnderTest
    static Block model() {
        return VectorChannelNet.build(4);
    }

    @EquivariantUnder(group = "SO(3)", input = "vector", output = "vector", inputShape = {2, 4, 3},
                      samples = 2, trials = 16, seed = "5")
    void vectorChannelsRotateWithTheInput() {
    }
}
