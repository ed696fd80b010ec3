package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.backend.djl.TorchScriptModel;
import dev.equivariance.models.C8SteerableCnn;
import dev.equivariance.models.EgnnCoordinates;
import dev.equivariance.models.EgnnPositions;
import dev.equivariance.models.PlanarVectorGate;
import dev.equivariance.models.SmoothDiskImages;
import dev.equivariance.rep.Actions;
import dev.equivariance.report.TextReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Lie derivative (Gruver et al., ICLR 2023) along the generators of continuous groups: float64 round-off on
 * exactly equivariant models, clearly non-zero on their broken twins, with the broken layer ranked first; nothing
 * computed for finite groups.
 */
class LieDerivativeAuditTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    static Audit.Runner so2(Object model) {
        return Audit.of(model).group("SO(2)").input("vector", 2, PlanarVectorGate.POINTS, 2).output("vector")
                .samples(4).trials(16).seed(5);
    }

    private static LieDerivativeResult lie(AuditReport report) {
        assertThat(report.lieDerivative()).as(TextReport.render(report)).isPresent();
        return report.lieDerivative().get();
    }

    @Test
    void onAnExactlySo2EquivariantVectorModel_theLieDerivativeIsFloat64RoundOff() {
        AuditReport report = so2(PlanarVectorGate.equivariant()).layers(true).run();
        LieDerivativeResult l = lie(report);
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(l.dtype()).isEqualTo("float64");
        assertThat(l.step()).isEqualTo(LieDerivative.STEP_FLOAT64);
        assertThat(l.inputs()).isEqualTo(LieDerivative.MAX_INPUTS);
        assertThat(l.generators()).singleElement().satisfies(g -> {
            assertThat(g.maxRelative()).isLessThan(1e-9);
            assertThat(g.maxAbsolute()).isLessThan(1e-9);
        });
        assertThat(l.layers()).hasSize(3).allSatisfy(c -> assertThat(c.maxRelative()).isLessThan(1e-9));
    }

    @Test
    void onItsTwinWithABiasedMix_theLieDerivativeIsClearlyNonZero_andTheMixRanksFirst() {
        AuditReport report = so2(PlanarVectorGate.biasedMix()).layers(true).run();
        LieDerivativeResult l = lie(report);
        assertThat(l.generators()).singleElement().satisfies(g -> assertThat(g.maxRelative()).isGreaterThan(1e-2));
        assertThat(l.layers()).extracting(LieDerivativeResult.LayerContribution::name).first()
                .isEqualTo("02PointMix");
        assertThat(l.layers().get(0).maxRelative()).isGreaterThan(1e-2);
        assertThat(l.layers().subList(1, 3)).allSatisfy(c -> assertThat(c.maxRelative()).isLessThan(1e-9));
        assertThat(report.verdict()).as("the Lie derivative informs, the end-to-end audit decides")
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void withoutTheLayerWiseAudit_onlyTheModelIsDifferentiated_inOneStackedPassPerInput() {
        AuditReport with = so2(PlanarVectorGate.equivariant()).run();
        AuditReport without = so2(PlanarVectorGate.equivariant()).lieDerivative(false).run();
        assertThat(lie(with).layers()).isEmpty();
        assertThat(without.lieDerivative()).isEmpty();
        // per input: y(h) and y(-h) stacked along the verified batch axis (|f(x)| comes from them)
        assertThat(with.modelEvaluations() - without.modelEvaluations()).isEqualTo(LieDerivative.MAX_INPUTS);
    }

    @Test
    void withoutABatchAxis_eachTransformedInputRunsAlone_twoPassesPerGenerator_withTheSameValue() {
        AuditReport alone = so2(PlanarVectorGate.equivariant()).batchAxis(BatchAxis.NONE).run();
        AuditReport without = so2(PlanarVectorGate.equivariant()).batchAxis(BatchAxis.NONE).lieDerivative(false)
                .run();
        assertThat(alone.modelEvaluations() - without.modelEvaluations()).isEqualTo(LieDerivative.MAX_INPUTS * 2);
        AuditReport brokenStacked = so2(PlanarVectorGate.biasedMix()).shrinkBudget(0).run();
        AuditReport brokenAlone = so2(PlanarVectorGate.biasedMix()).shrinkBudget(0).batchAxis(BatchAxis.NONE).run();
        assertThat(lie(brokenAlone).maxRelative()).isCloseTo(lie(brokenStacked).maxRelative(),
                org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    @Test
    void underSo3_thereAreThreeGenerators_roundOffForEgnnCoordinates_nonZeroWithReluOnVectors() {
        Audit.Runner good = Audit.of(EgnnCoordinates.build(8)).group("SO(3)").input("vector", 2, 5, 3)
                .output("vector").samples(2).trials(8).seed(2);
        LieDerivativeResult l = lie(good.run());
        assertThat(l.generators()).extracting(LieDerivativeResult.Generator::name)
                .containsExactly("rotation about x", "rotation about y", "rotation about z");
        assertThat(l.maxRelative()).isLessThan(1e-9);
        LieDerivativeResult broken = lie(Audit.of(EgnnCoordinates.withReluOnVectors(8)).group("SO(3)")
                .input("vector", 2, 5, 3).output("vector").samples(2).trials(8).seed(2).run());
        assertThat(broken.generators()).allSatisfy(g -> assertThat(g.maxRelative()).isGreaterThan(1e-3));
    }

    @Test
    void underSe3_translationsAreGeneratorsToo() {
        LieDerivativeResult good = lie(Audit.of(EgnnPositions.build(8)).group("SE(3)").input("position", 2, 5, 3)
                .output("position").samples(2).trials(8).seed(4).run());
        assertThat(good.generators()).hasSize(6);
        assertThat(good.generators().subList(3, 6)).extracting(LieDerivativeResult.Generator::name)
                .containsExactly("translation along x", "translation along y", "translation along z");
        assertThat(good.maxRelative()).isLessThan(1e-9);
        LieDerivativeResult broken = lie(Audit.of(EgnnPositions.withReluOnCoordinates(8)).group("SE(3)")
                .input("position", 2, 5, 3).output("position").samples(2).trials(8).seed(4).run());
        assertThat(broken.generators().subList(3, 6)).anySatisfy(g ->
                assertThat(g.maxRelative()).isGreaterThan(1e-3));
    }

    @Test
    void aTorchScriptModelWithoutFloat64Twin_isDifferentiatedInFloat32WithALargerStep() throws Exception {
        try (TorchScriptModel good = TorchScript.load(FIXTURES.resolve("vector_net.pt"));
             TorchScriptModel broken = TorchScript.load(FIXTURES.resolve("vector_net_biased_mix.pt"))) {
            LieDerivativeResult g = lie(Audit.of(good).group("SO(3)").input("vector", 2, 5, 3).output("vector")
                    .samples(2).trials(8).seed(6).run());
            assertThat(g.dtype()).isEqualTo("float32");
            assertThat(g.step()).isEqualTo(LieDerivative.STEP_FLOAT32);
            assertThat(g.notes()).isNotEmpty();
            assertThat(g.maxRelative()).isLessThan(1e-4);
            LieDerivativeResult b = lie(Audit.of(broken).group("SO(3)").input("vector", 2, 5, 3).output("vector")
                    .samples(2).trials(8).seed(6).run());
            assertThat(b.maxRelative()).isGreaterThan(1e-2);
        }
    }

    @Test
    void exportedC8Networks_inFloat64WithTheirTwin_inFloat32AsOnnx_agreeOnTheInterpolationsLieDerivative() throws Exception {
        double f64;
        double onnx;
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("c8_steerable.pt"))
                .withFloat64(FIXTURES.resolve("c8_steerable_f64.pt"))) {
            LieDerivativeResult l = lie(images(model));
            assertThat(l.dtype()).as("the float64 twin differentiates").isEqualTo("float64");
            f64 = l.maxRelative();
        }
        try (dev.equivariance.backend.djl.OnnxModel model = dev.equivariance.backend.djl.Onnx.load(
                FIXTURES.resolve("c8_steerable.onnx"))) {
            LieDerivativeResult l = lie(images(model));
            assertThat(l.dtype()).as("ONNX has no float64 twin").isEqualTo("float32");
            assertThat(l.step()).isEqualTo(LieDerivative.STEP_FLOAT32);
            onnx = l.maxRelative();
        }
        // the same weights: the float32 step differs, the interpolation it measures does not (much)
        assertThat(onnx / f64).isBetween(0.5, 2.0);
    }

    private static AuditReport images(Object model) {
        return Audit.of(model).group("SO(2)")
                .input(Actions.parse("rotate(axes=(2,3), interpolation=bicubic)"), new SmoothDiskImages(4, 4), 2, 1,
                        C8SteerableCnn.SIZE, C8SteerableCnn.SIZE)
                .invariant().samples(1).trials(4).seed(11).shrinkBudget(0).run();
    }

    @Test
    void onImagesUnderSo2_theLieDerivativeOfTheC8NetworkMeasuresItsInterpolation() {
        AuditReport report = Audit.of(C8SteerableCnn.equivariant()).group("SO(2)")
                .input(Actions.parse("rotate(axes=(2,3), interpolation=bicubic)"), new SmoothDiskImages(4, 4), 2, 1,
                        C8SteerableCnn.SIZE, C8SteerableCnn.SIZE)
                .invariant().samples(1).trials(4).seed(11).shrinkBudget(0).run();
        LieDerivativeResult l = lie(report);
        assertThat(l.generators()).singleElement().satisfies(g ->
                assertThat(g.maxRelative()).isBetween(1e-6, 1e0));
        AuditReport broken = Audit.of(C8SteerableCnn.unshiftedChannels()).group("SO(2)")
                .input(Actions.parse("rotate(axes=(2,3), interpolation=bicubic)"), new SmoothDiskImages(4, 4), 2, 1,
                        C8SteerableCnn.SIZE, C8SteerableCnn.SIZE)
                .invariant().samples(1).trials(4).seed(11).shrinkBudget(0).run();
        assertThat(lie(broken).maxRelative()).isGreaterThan(10 * l.maxRelative());
    }

    @Test
    void finiteGroupsHaveNoGenerators_soNothingIsComputedAndNoPassIsAdded() {
        AuditReport on = c4(true);
        assertThat(on.verdict()).as(TextReport.render(on)).isEqualTo(Verdict.PASS);
        assertThat(on.lieDerivative()).isEmpty();
        assertThat(on.modelEvaluations()).isEqualTo(c4(false).modelEvaluations());
    }

    private static AuditReport c4(boolean lieDerivative) {
        return Audit.of(C8SteerableCnn.equivariant()).group("C4")
                .input(Actions.parse("rotate(axes=(2,3))"), new SmoothDiskImages(4, 4), 2, 1, C8SteerableCnn.SIZE,
                        C8SteerableCnn.SIZE).invariant().samples(2).trials(4).seed(11).lieDerivative(lieDerivative)
                .run();
    }
}
