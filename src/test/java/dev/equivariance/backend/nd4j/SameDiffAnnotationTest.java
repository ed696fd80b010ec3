package dev.equivariance.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.group.Rotation;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.NormGateGraph;
import dev.equivariance.junit.Trial;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A plain SameDiff graph supplied by {@code @ModelUnderTest} and audited through the annotations. */
@EquivarianceTest
class SameDiffAnnotationTest {

    /** Scales each point by a learned function of its norm: y = x * (1 + w |x|^2), SO(3)-equivariant. */
    @ModelUnderTest
    static SameDiff model() {
        return NormGateGraph.build();
    }

    @EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 5, 3}, trials = 16, seed = "3",
                      layers = true, gradients = true)
    void normGateIsRotationEquivariant(AuditReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.environment().backend()).startsWith("ND4J");
        assertThat(report.layers()).isNotEmpty();
        assertThat(report.gradients()).isPresent();
    }

    @EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 5, 3}, trials = 8, seed = "3")
    void userWrittenProperty(Rotation g, INDArray x, Trial trial) {
        trial.assertClose(trial.forward(trial.actOnInput(x)), trial.actOnOutput(trial.forward(x)));
    }
}
