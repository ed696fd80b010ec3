package dev.equivariance.docs;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** The D4-invariant declaration of docs/groups-and-actions.md, as written there, on tanh and a mean over the grid. */
@EquivarianceTest
class GridInvariantExamplesTest {

    @ModelUnderTest
    static Block model() { return DocModels.gridMeanOfTanh(); }

    @InvariantUnder(group = "D4", input = "rot90(axes=(2,3))", inputShape = {2, 1, 9, 9})
    void quarterTurnsAndFlips() {}
}
