package dev.equivariance.docs;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.EgnnCoordinates;

/**
 * The vector and pseudovector declarations of docs/groups-and-actions.md and its {@code SO(3) x S(n)} product, as
 * written there, on the EGNN coordinate update (odd and O(3) equivariant, so pseudovectors pass too).
 */
@EquivarianceTest
class VectorExamplesTest {

    @ModelUnderTest
    static Block model() { return EgnnCoordinates.build(8); }

    @EquivariantUnder(group = "SO(3)", input = "vector", output = "vector", inputShape = {2, 5, 3})
    void vectors() {}

    @EquivariantUnder(group = "O(3)", input = "pseudovector", output = "pseudovector", inputShape = {2, 5, 3})
    void pseudovectors() {}

    @EquivariantUnder(group = "SO(3) x S(n)", input = "permute(axis=1) & vector",
                      output = "permute(axis=1) & vector", inputShape = {2, 8, 3})                      // samples: EgnnTest
    void rotationsAndRelabellings() {}
}
