package dev.equivariance.docs;

import ai.djl.nn.Block;
import dev.equivariance.audit.WithoutCuda;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.EgnnCoordinates;

/** Snippets whose outcome depends on the machine, run through the Jupiter engine by {@link DevicesDocTest}. */
public final class DocScenarios {

    private DocScenarios() {
    }

    /** The GPU declaration of docs/devices.md, as written there. */
    @EquivarianceTest
    public static class OnTheGpu {

        @ModelUnderTest
        static Block model() { return EgnnCoordinates.build(8); }

        @EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {8, 32, 3}, device = "cuda",
                          withoutCuda = WithoutCuda.FAIL)        // on the GPU runner, a missing GPU is an error
        void rotatesOnTheGpu() {}
    }
}
