package dev.equivariance.docs;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** The invariant E(3) declarations of docs/groups-and-actions.md, as written there, on an energy of the points. */
@EquivarianceTest
class EnergyExamplesTest {

    @ModelUnderTest
    static Block model() { return DocModels.centroidEnergy(); }

    @InvariantUnder(group = "E(3)", input = "position", inputShape = {2, 6, 3})                        // an energy
    void anEnergy() {}

    @InvariantUnder(group = "E(3) x S(n)", input = "permute(axis=1) & position", inputShape = {2, 6, 3}) // samples: PairPotentialTest
    void anEnergyOfUnlabelledPoints() {}
}
