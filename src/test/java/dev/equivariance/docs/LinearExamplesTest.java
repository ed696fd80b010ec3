package dev.equivariance.docs;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/**
 * The declarations of docs/groups-and-actions.md ("Examples, group by group") for interpolated rotations of group
 * feature maps, planar vectors and frequencies, and irreps on another axis, as written there, on x -> 2x.
 */
@EquivarianceTest
class LinearExamplesTest {

    @ModelUnderTest
    static Block model() { return DocModels.doubling(); }

    @EquivariantUnder(group = "D8", input = "cn(axis=1, axes=(2,3))", output = "cn(axis=1, axes=(2,3), mask=disk)",
                      inputShape = {2, 16, 21, 21})                                                      // a group conv
    void regularFieldsOfD8() {}

    @EquivariantUnder(group = "SO(2)", input = "vector", output = "vector", inputShape = {2, 5, 2})
    void planarVectors() {}

    @EquivariantUnder(group = "O(2)", input = "frequencies(2x0 + 1x1 + 1x2)", output = "frequencies(2x0 + 1x1 + 1x2)",
                      inputShape = {2, 5, 6})
    void planarFrequencies() {}

    @EquivariantUnder(group = "O(3)", input = "irreps(1x1o, axis=1)", output = "irreps(1x1o, axis=1)", inputShape = {2, 3, 5})
    void irrepsOnAxisOne() {}
}
