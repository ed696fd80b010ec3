package dev.equivariance.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.LayerResult;
import dev.equivariance.audit.Verdict;
import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.backend.djl.TorchScriptModel;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import java.nio.file.Path;

/**
 * A TorchScript network on e3nn irreps, exported from PyTorch by {@code src/test/python/export_irreps_net.py}: for
 * each point of a cloud it predicts one scalar and one vector ({@code 1x0e + 1x1o}) from spherical harmonics of the
 * relative positions, radial weights, a degree-2 x degree-1 coupling and scalar gates. The module exports
 * {@code intermediates} and {@code layer_names}, so the audit checks every stage on its own irreps, declared with
 * {@code layerActions} (the auditor infers only the input's, the output's and the trivial action).
 */
@EquivarianceTest
class IrrepsNetTest {

    /** Loaded once for the class (the working directory of Maven's tests is the project directory). */
    @ModelUnderTest
    static TorchScriptModel model() {
        return TorchScript.load(Path.of("src/test/resources/models/irreps_net.pt"));
    }

    /**
     * Rotations and the inversion: the positions are vectors ({@code 1o}); the point features are scalars and
     * vectors; the embedding carries degree-2 features ({@code 2e}), which checks the exported spherical harmonics
     * against the auditor's Wigner D matrices.
     */
    @EquivariantUnder(group = "O(3)", input = "vector", output = "1x0e + 1x1o", inputShape = {2, 6, 3},
                      layers = true, gradients = true,
                      layerActions = {"embedding=4x0e + 4x1o + 2x2e", "interaction=4x0e + 4x1o"},
                      samples = 2, trials = 24, seed = "3")
    void pointFeaturesAreO3Equivariant(AuditReport report) {
        assertThat(report.layers()).extracting(LayerResult::name)
                .containsExactly("embedding", "interaction", "readout");
        assertThat(report.gradients()).isPresent();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    /**
     * Rigid motions with reflections and relabellings of the points together: positions move with the translation,
     * the irreps features use only the rotation part, and every feature follows its point.
     */
    @EquivariantUnder(group = "E(3) x S(n)", input = "permute(axis=1) & position",
                      output = "permute(axis=1) & 1x0e + 1x1o", inputShape = {2, 6, 3}, layers = true,
                      layerActions = {"embedding=permute(axis=1) & 4x0e + 4x1o + 2x2e",
                                      "interaction=permute(axis=1) & 4x0e + 4x1o"},
                      samples = 2, trials = 24, seed = "4")
    void pointFeaturesFollowRigidMotionsAndRelabelling() {
    }
}
