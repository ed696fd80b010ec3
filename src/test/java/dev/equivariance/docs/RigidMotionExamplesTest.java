package dev.equivariance.docs;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.EgnnPositions;

/** The SE(3) declaration of docs/groups-and-actions.md, as written there, on the EGNN position update. */
@EquivarianceTest
class RigidMotionExamplesTest {

    @ModelUnderTest
    static Block model() { return EgnnPositions.build(8); }

    @EquivariantUnder(group = "SE(3)", input = "position", output = "position", inputShape = {2, 5, 3})
    void positionsMoveWithTheMotion() {}
}
