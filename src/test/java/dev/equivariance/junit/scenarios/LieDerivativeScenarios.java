package dev.equivariance.junit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.PlanarVectorGate;

/** The {@code lieDerivative} attribute, run by {@code LieDerivativeAnnotationTest}. */
public final class LieDerivativeScenarios {

    private LieDerivativeScenarios() {
    }

    /** Default on for SO(2); off when the attribute says so. */
    public static class PlanarVectors {
        @ModelUnderTest
        static Block model() {
            return PlanarVectorGate.equivariant();
        }

        @EquivariantUnder(group = "SO(2)", input = "vector", output = "vector", inputShape = {2, 5, 2}, trials = 8,
                seed = "3")
        void byDefault(AuditReport report) {
            assertThat(report.lieDerivative()).hasValueSatisfying(l ->
                    assertThat(l.maxRelative()).isLessThan(1e-9));
        }

        @EquivariantUnder(group = "SO(2)", input = "vector", output = "vector", inputShape = {2, 5, 2}, trials = 8,
                seed = "3", lieDerivative = false)
        void turnedOff(AuditReport report) {
            assertThat(report.lieDerivative()).isEmpty();
        }
    }
}
