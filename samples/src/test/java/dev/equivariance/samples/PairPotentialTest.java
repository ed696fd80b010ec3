package dev.equivariance.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.AuditSpec;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import dev.equivariance.backend.nd4j.SameDiffModel;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J SameDiff model: the {@link PairPotential} energy of clouds of 6 points must not change when the cloud is
 * rotated, reflected, moved or relabelled, and its forces must turn with the cloud.
 */
@EquivarianceTest
class PairPotentialTest {

    @ModelUnderTest
    static SameDiffModel model() {
        // One ND4J thread: on small graphs and small or busy machines OpenMP workers mostly wait for each other.
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        return PairPotential.build(7);
    }

    /**
     * End to end and layer by layer. The intermediate activations transform in ways the auditor cannot infer (a
     * pair axis, point-wise features), so they are declared; the permutation of E(3) x S(n) acts on both point axes
     * of the pairwise distances.
     */
    @InvariantUnder(group = "E(3) x S(n)", input = "permute(axis=1) & position", inputShape = {2, 6, 3},
                    layers = true,
                    layerActions = {"squaredDistances=permute(axis=1) & permute(axis=2)",
                                    "environment=permute(axis=1)", "pointEnergy=permute(axis=1)"},
                    samples = 2, trials = 24, seed = "11")
    void energyIsInvariantUnderRigidMotionsAndRelabelling(AuditReport report) {
        assertThat(report.layers()).hasSize(4);
        assertThat(report.environment().backend()).startsWith("ND4J");
    }

    /**
     * The gradient audit with the energy itself as the loss (instead of the default sum of squares of the outputs),
     * given through a spec method: the input gradient is minus the force, so this checks that forces rotate and
     * follow their points, and that no parameter gradient changes.
     */
    static AuditSpec.Builder forcesSpec() {
        return AuditSpec.builder()
                .group("E(3) x S(n)")
                .input("permute(axis=1) & position", 2, 6, 3)
                .invariant()
                .gradients(true)
                .loss(outputs -> outputs.get(0).sum())
                .samples(2)
                .trials(16);
    }

    @InvariantUnder(group = "E(3) x S(n)", spec = "forcesSpec", seed = "12")
    void forcesTurnWithTheCloud(AuditReport report) {
        assertThat(report.gradients()).hasValueSatisfying(g -> assertThat(g.level()).isIn(Level.EXACT, Level.EXCELLENT));
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }
}
