package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.equivariance.models.C4LiftingConv;
import dev.equivariance.models.CircularCnn;
import dev.equivariance.models.EgnnCoordinates;
import dev.equivariance.models.PointNet;
import dev.equivariance.report.TextReport;
import dev.equivariance.tensor.DType;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Audits of small, real DJL models of well-known architectures: each equivariant model must pass and each broken
 * twin must fail with a counterexample. Seeds are fixed, so every verdict and error replays exactly.
 */
class KnownModelsAuditTest {

    // ---- CNN with circular padding + global average pooling, under circular shifts of the grid ----

    @Test
    void whenPaddingIsCircular_cnnIsInvariantToRolls() {
        AuditReport report = audit(Audit.of(CircularCnn.circular(4, 3)).modelName("CNN, circular padding")
                .group("Z(8)xZ(8)")
                .input("roll(axes=(2,3))", 2, 2, 8, 8).invariant().samples(2).trials(24).seed(7));
        assertPass(report);
    }

    @Test
    void whenPaddingIsZero_rollsBreakInvariance() {
        AuditReport report = audit(Audit.of(CircularCnn.zeroPadded(4, 3)).modelName("CNN, zero padding")
                .group("Z(8)xZ(8)")
                .input("roll(axes=(2,3))", 2, 2, 8, 8).invariant().samples(2).trials(24).seed(7));
        assertFail(report);
        // shrinking ends at a unit shift along one axis
        assertThat(report.counterexample().get().element()).matches("Translation\\((0, -?1|-?1, 0)\\)");
    }

    // ---- p4 lifting convolution: one kernel, four quarter-turned copies ----

    @Test
    void whenKernelIsTurnedPerOrientation_liftingConvIsC4Equivariant() {
        AuditReport report = audit(Audit.of(C4LiftingConv.equivariant(2, 3)).modelName("p4 lifting conv")
                .group("C4")
                .input("rot90(axes=(2,3))", 2, 1, 9, 9).output("p4(axis=1, axes=(2,3))").samples(2).trials(16)
                .seed(7));
        assertPass(report);
    }

    @Test
    void whenKernelsAreAveragedOverQuarterTurns_aDeepCnnTurnsItsFeatureMapsWithTheInput() {
        AuditReport report = audit(Audit.of(dev.equivariance.models.IsotropicConv.network(3, 4))
                .modelName("CNN, isotropic kernels").group("C4")
                .input("rot90(axes=(2,3))", 2, 2, 9, 9).output("rot90(axes=(2,3))").samples(2).trials(16).seed(7));
        assertPass(report);
    }

    @Test
    void whenKernelsAreNotAveraged_aDeepCnnBreaksC4Equivariance() {
        ai.djl.nn.SequentialBlock plain = new ai.djl.nn.SequentialBlock();
        for (int i = 0; i < 3; i++) {
            plain.add(ai.djl.nn.convolutional.Conv2d.builder().setFilters(4).setKernelShape(new ai.djl.ndarray.types
                    .Shape(3, 3)).optPadding(new ai.djl.ndarray.types.Shape(1, 1)).build())
                    .add(ai.djl.nn.Activation.reluBlock());
        }
        AuditReport report = audit(Audit.of(plain).modelName("CNN, plain kernels").group("C4")
                .input("rot90(axes=(2,3))", 2, 2, 9, 9).output("rot90(axes=(2,3))").samples(2).trials(16).seed(7));
        assertFail(report);
    }

    @Test
    void whenKernelIsNotTurned_liftingConvBreaksC4Equivariance() {
        AuditReport report = audit(Audit.of(C4LiftingConv.unrotatedKernel(2, 3))
                .modelName("p4 lifting conv, unturned kernel")
                .group("C4")
                .input("rot90(axes=(2,3))", 2, 1, 9, 9).output("p4(axis=1, axes=(2,3))").samples(2).trials(16)
                .seed(7));
        assertFail(report);
    }

    @Test
    void whenKernelTurnsTheWrongWay_quarterTurnsBreakEquivarianceButHalfTurnsDoNot() {
        AuditReport report = audit(Audit.of(C4LiftingConv.counterRotatedKernel(2, 3))
                .modelName("p4 lifting conv, kernel turned wrong way")
                .group("C4")
                .input("rot90(axes=(2,3))", 2, 1, 9, 9).output("p4(axis=1, axes=(2,3))").samples(2).trials(16)
                .seed(7));
        assertFail(report);
        assertThat(report.counterexample().get().element()).isEqualTo("Rot90(k=1)");
        ElementResult halfTurn = report.elements().stream().filter(e -> e.element().equals("Rot90(k=2)"))
                .findFirst().orElseThrow();
        assertThat(halfTurn.maxRelative()).isLessThan(report.tolerance().pass());
    }

    /** The lifting conv relies on DJL's rotate90 turning the same way as the audit's rot90 (numpy's). */
    @Test
    void djlRotate90_turnsLikeNumpy() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));   // [[a, b], [c, d]]
            NDArray y = x.rotate90(1, new int[] {2, 3});                              // numpy: [[b, d], [a, c]]
            assertThat(y.toFloatArray()).containsExactly(2, 4, 1, 3);
        }
    }

    // ---- EGNN coordinate update on point clouds ----

    @Test
    void egnnCoordinateUpdate_isRotationEquivariant() {
        AuditReport report = audit(Audit.of(EgnnCoordinates.build(8)).modelName("EGNN coordinates")
                .group("SO(3)")
                .input("vector", 2, 8, 3).output("vector").samples(2).trials(24).seed(7));
        assertPass(report);
    }

    @Test
    void egnnCoordinateUpdate_isEquivariantUnderRotationsAndInversion() {
        AuditReport report = audit(Audit.of(EgnnCoordinates.build(8)).modelName("EGNN coordinates")
                .group("O(3)")
                .input("vector", 2, 8, 3).output("vector").samples(2).trials(24).seed(7));
        assertPass(report);
    }

    @Test
    void egnnCoordinateUpdate_isEquivariantUnderRotationsAndPermutationsTogether() {
        AuditReport report = audit(Audit.of(EgnnCoordinates.build(8)).modelName("EGNN coordinates")
                .group("SO(3) x S(8)")
                .input("permute(axis=1) & vector", 2, 8, 3).output("permute(axis=1) & vector").samples(2).trials(24)
                .seed(7));
        assertPass(report);
    }

    @Test
    void whenReluActsOnVectorComponents_rotationsBreakEquivariance() {
        AuditReport report = audit(Audit.of(EgnnCoordinates.withReluOnVectors(8)).modelName("EGNN coordinates + ReLU")
                .group("SO(3)")
                .input("vector", 2, 8, 3).output("vector").samples(2).trials(24).seed(7));
        assertFail(report);
    }

    @Test
    void whenInitialisedInFloat64_egnnCoordinateUpdateIsEquivariantToMachinePrecision() {
        AuditReport report = audit(Audit.of(EgnnCoordinates.build(8)).modelName("EGNN coordinates")
                .group("SO(3)")
                .input("vector", 2, 8, 3).output("vector").dtype(DType.FLOAT64).samples(2).trials(24).seed(7));
        assertPass(report);
        assertThat(report.environment().dtype()).containsIgnoringCase("64");
        assertThat(report.endToEnd().maxRelative()).isLessThanOrEqualTo(1e-12);
    }

    // ---- PointNet (max pooling) under permutations of the points ----

    @Test
    void pointNet_isPermutationInvariant() {
        AuditReport report = audit(Audit.of(PointNet.build(16, 3)).modelName("PointNet")
                .group("S(n)")
                .input("permute(axis=1)", 2, 8, 3).invariant().samples(2).trials(24).seed(7));
        assertPass(report);
    }

    /**
     * Many random permutations fail; the reported counterexample must be the simplest kind: a single transposition
     * (exactly two moved points). S(n)'s edge cases include (0 1), so the simplest failing element is usually found
     * before shrinking starts.
     */
    @Test
    void whenPointIndexIsEmbedded_counterexampleShrinksToATransposition() {
        AuditReport report = audit(Audit.of(PointNet.withIndexEmbedding(16, 3)).modelName("PointNet + index embedding")
                .group("S(n)")
                .input("permute(axis=1)", 2, 8, 3).invariant().samples(2).trials(128).seed(7));
        assertFail(report);
        String element = report.counterexample().get().element();
        assertThat(element).startsWith("Permutation[");
        String[] indices = element.substring("Permutation[".length(), element.length() - 1).split(" ");
        assertThat(indices).hasSize(8);
        int moved = 0;
        for (int i = 0; i < indices.length; i++) {
            if (Integer.parseInt(indices[i]) != i) {
                moved++;
            }
        }
        assertThat(moved).as("points moved by %s", element).isEqualTo(2);
        assertThat(report.counterexample().get().error()).isGreaterThanOrEqualTo(report.tolerance().pass());
    }

    // ---- helpers ----

    private static AuditReport audit(Audit.Runner runner) {
        long start = System.nanoTime();
        AuditReport report = runner.run();
        System.out.printf(Locale.ROOT, "%-42s %-14s max relative %.3e  %-5s %s  (%d ms)%n", report.model(),
                report.symmetry(), report.endToEnd().maxRelative(), report.verdict(),
                report.counterexample().map(c -> "counterexample " + c.element() + " (from " + c.originalElement()
                        + ", error " + String.format(Locale.ROOT, "%.3g", c.error()) + ")").orElse(""),
                (System.nanoTime() - start) / 1_000_000);
        return report;
    }

    private static void assertPass(AuditReport report) {
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.PASS);
        assertThat(report.counterexample()).isEmpty();
    }

    /** FAIL, with a counterexample that witnesses it: its own error is at the broken level too. */
    private static void assertFail(AuditReport report) {
        assertThat(report.verdict()).as(TextReport.render(report)).isEqualTo(Verdict.FAIL);
        assertThat(report.counterexample()).as(TextReport.render(report)).isPresent();
        assertThat(report.tolerance().classify(report.counterexample().get().error())).isEqualTo(Level.BROKEN);
    }
}
