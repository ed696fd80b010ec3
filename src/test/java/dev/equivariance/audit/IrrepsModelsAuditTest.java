package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.models.EgnnCoordinates;
import dev.equivariance.models.EgnnPositions;
import dev.equivariance.models.PlanarHarmonicsModel;
import dev.equivariance.models.SphericalHarmonicsModel;
import dev.equivariance.models.TensorProductModel;
import dev.equivariance.report.TextReport;
import dev.equivariance.tensor.DType;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Audits of DJL models with e3nn irreps, E(3) positions and O(2) frequencies: each equivariant model passes (to
 * machine precision in float64) and each broken twin fails with a counterexample. Seeds are fixed.
 */
class IrrepsModelsAuditTest {

    // ---- spherical harmonics of positions: 1x1o -> 1x0e + 1x1o + 1x2e ----

    @Test
    void sphericalHarmonicsOfPositions_areExactlyO3EquivariantInFloat64() {
        AuditReport report = audit(Audit.of(SphericalHarmonicsModel.build()).modelName("spherical harmonics l<=2")
                .group("O(3)").input("1x1o", 2, 5, 3).output("1x0e + 1x1o + 1x2e")
                .dtype(DType.FLOAT64).samples(4).trials(32).seed(7));
        assertPass(report);
        assertThat(report.endToEnd().maxRelative()).isLessThanOrEqualTo(1e-12);
    }

    /**
     * The model divides by |v|, so it has no finite output at the zero vectors that input shrinking offers; the
     * auditor skips those simpler inputs and still reports the failure with a counterexample.
     */
    @Test
    void whenTwoDegreeTwoComponentsAreSwapped_sphericalHarmonicsFail() {
        AuditReport report = audit(Audit.of(SphericalHarmonicsModel.withSwappedComponents())
                .modelName("spherical harmonics, l=2 components swapped")
                .group("O(3)").input("1x1o", 2, 5, 3).output("1x0e + 1x1o + 1x2e")
                .dtype(DType.FLOAT64).samples(4).trials(32).seed(7));
        assertFail(report);
    }

    @Test
    void sphericalHarmonicsDeclaredWithTheWrongParity_failUnderTheInversion() {
        // degree 1 of the harmonics is odd: declaring it even (1e) is wrong, and only improper elements show it
        AuditReport report = audit(Audit.of(SphericalHarmonicsModel.build()).modelName("spherical harmonics as 1e")
                .group("O(3)").input("1x1o", 2, 5, 3).output("1x0e + 1x1e + 1x2e")
                .dtype(DType.FLOAT64).samples(2).trials(32).seed(7));
        assertFail(report);
        assertThat(report.counterexample().get().element()).isEqualTo("Inversion");
    }

    // ---- EGNN position update under E(3) x S(n) ----

    @Test
    void egnnPositionUpdate_isEquivariantUnderRigidMotionsAndPermutations() {
        AuditReport report = audit(Audit.of(EgnnPositions.build(8)).modelName("EGNN positions")
                .group("E(3) x S(n)").input("permute(axis=1) & position", 2, 6, 3)
                .output("permute(axis=1) & position").samples(2).trials(32).seed(7));
        assertPass(report);
    }

    @Test
    void egnnPositionUpdate_inFloat64_isEquivariantToMachinePrecision() {
        AuditReport report = audit(Audit.of(EgnnPositions.build(8)).modelName("EGNN positions")
                .group("E(3) x S(n)").input("permute(axis=1) & position", 2, 6, 3)
                .output("permute(axis=1) & position").dtype(DType.FLOAT64).samples(2).trials(32).seed(7));
        assertPass(report);
        assertThat(report.endToEnd().maxRelative()).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void whenReluActsOnCoordinates_rigidMotionsBreakEquivariance() {
        AuditReport report = audit(Audit.of(EgnnPositions.withReluOnCoordinates(8))
                .modelName("EGNN positions + ReLU")
                .group("E(3) x S(n)").input("permute(axis=1) & position", 2, 6, 3)
                .output("permute(axis=1) & position").samples(2).trials(32).seed(7));
        assertFail(report);
    }

    @Test
    void whenTheUpdateRefersToTheOrigin_theCounterexampleIsAShiftAlongOneAxis() {
        // EgnnCoordinates scales x_i by phi(|x_i|): O(3) equivariant, but translations change |x_i|
        AuditReport report = audit(Audit.of(EgnnCoordinates.build(8)).modelName("EGNN coordinates (origin)")
                .group("SE(3)").input("position", 2, 6, 3).output("position").samples(2).trials(32).seed(7));
        assertFail(report);
        String element = report.counterexample().get().element();
        assertThat(element).startsWith("(Rotation(identity), shift=(");
        String[] shift = element.substring(element.indexOf("shift=(") + 7, element.lastIndexOf("))")).split(",");
        assertThat(java.util.Arrays.stream(shift).filter(c -> Double.parseDouble(c) != 0)).as(element).hasSize(1);
    }

    @Test
    void underSE3_positionsOfAnOriginBoundModelStillPassForRotationsAlone() {
        AuditReport report = audit(Audit.of(EgnnCoordinates.build(8)).modelName("EGNN coordinates (origin)")
                .group("SO(3)").input("position", 2, 6, 3).output("position").samples(2).trials(16).seed(7));
        assertPass(report);
    }

    // ---- tensor products with Clebsch-Gordan coupling: 4x0e + 2x1o -> 2x0e + 1x1o + 1x2e ----

    @Test
    void tensorProductLayer_isO3EquivariantInFloat32() {
        AuditReport report = audit(Audit.of(TensorProductModel.build()).modelName("tensor product layer")
                .group("O(3)").input("4x0e + 2x1o", 2, 5, 10).output("2x0e + 1x1o + 1x2e")
                .dtype(DType.FLOAT32).samples(4).trials(32).seed(3));
        assertPass(report);
        assertThat(report.endToEnd().maxRelative()).isLessThan(1e-5);
    }

    @Test
    void tensorProductLayer_isO3EquivariantToMachinePrecisionInFloat64() {
        AuditReport report = audit(Audit.of(TensorProductModel.build()).modelName("tensor product layer")
                .group("O(3)").input("4x0e + 2x1o", 2, 5, 10).output("2x0e + 1x1o + 1x2e")
                .dtype(DType.FLOAT64).samples(4).trials(32).seed(3));
        assertPass(report);
        assertThat(report.endToEnd().maxRelative()).isLessThan(1e-12);
    }

    @Test
    void whenOneCouplingPathIsPerturbed_tensorProductLayerFails() {
        AuditReport report = audit(Audit.of(TensorProductModel.withPerturbedCoupling())
                .modelName("tensor product layer, perturbed 1o x 1o -> 2e")
                .group("O(3)").input("4x0e + 2x1o", 2, 5, 10).output("2x0e + 1x1o + 1x2e")
                .dtype(DType.FLOAT64).samples(4).trials(32).seed(3));
        assertFail(report);
    }

    @Test
    void tensorProductLayer_onFeaturesOfPointsUnderE3xSn_ignoresTranslations() {
        AuditReport report = audit(Audit.of(TensorProductModel.build()).modelName("tensor product layer")
                .group("E(3) x S(n)").input("permute(axis=1) & 4x0e + 2x1o", 2, 5, 10)
                .output("permute(axis=1) & 2x0e + 1x1o + 1x2e").dtype(DType.FLOAT64).samples(2).trials(24).seed(3));
        assertPass(report);
    }

    // ---- circular harmonics under O(2): frequencies ----

    @Test
    void circularHarmonics_areO2EquivariantAsFrequencies() {
        AuditReport report = audit(Audit.of(PlanarHarmonicsModel.build()).modelName("circular harmonics")
                .group("O(2)").input("frequencies(1x1)", 2, 5, 2).output("frequencies(1x0 + 1x1 + 1x2)")
                .dtype(DType.FLOAT64).samples(2).trials(24).seed(7));
        assertPass(report);
        assertThat(report.endToEnd().maxRelative()).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void whenTheFrequencyTwoPairIsSwapped_circularHarmonicsFail() {
        AuditReport report = audit(Audit.of(PlanarHarmonicsModel.withSwappedPair())
                .modelName("circular harmonics, pair swapped")
                .group("SO(2)").input("frequencies(1x1)", 2, 5, 2).output("frequencies(1x0 + 1x1 + 1x2)")
                .dtype(DType.FLOAT64).samples(2).trials(24).seed(7));
        assertFail(report);
    }

    // ---- helpers ----

    private static AuditReport audit(Audit.Runner runner) {
        AuditReport report = runner.run();
        System.out.printf(Locale.ROOT, "%-46s %-12s %-8s max relative %.3e  %-5s %s%n", report.model(),
                report.symmetry(), report.environment().dtype(), report.endToEnd().maxRelative(), report.verdict(),
                report.counterexample().map(c -> "counterexample " + c.element()).orElse(""));
        return report;
    }

    private static void assertPass(AuditReport report) {
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
        assertThat(report.counterexample()).isEmpty();
    }

    private static void assertFail(AuditReport report) {
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.FAIL);
        assertThat(report.counterexample()).as(TextReport.render(report)).isPresent();
        assertThat(report.tolerance().classify(report.counterexample().get().error())).isEqualTo(Level.BROKEN);
    }
}
