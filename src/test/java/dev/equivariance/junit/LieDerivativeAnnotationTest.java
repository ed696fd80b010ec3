package dev.equivariance.junit;

import dev.equivariance.junit.scenarios.LieDerivativeScenarios;
import org.junit.jupiter.api.Test;

/** {@code lieDerivative} on the annotations: on by default for continuous groups, off when set false. */
class LieDerivativeAnnotationTest {

    @Test
    void theLieDerivativeIsOnByDefault_andTheAttributeTurnsItOff() {
        Engine.run(LieDerivativeScenarios.PlanarVectors.class).testEvents()
                .assertStatistics(s -> s.started(2).succeeded(2));
    }
}
