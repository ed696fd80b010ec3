package dev.equivariance.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditException;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.GradientResult;
import dev.equivariance.audit.LayerResult;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.report.TextReport;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import dev.equivariance.tensor.TensorScope;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenarios every backend must pass, written once. A backend proves itself by a subclass that supplies its
 * {@link BackendFixtures}: the same models with the same weights, audited with the same specs and seeds.
 */
public abstract class BackendConformance {

    /** The backend under test. */
    protected abstract BackendFixtures fixtures();

    // ---- end to end: equivariant models pass, broken twins fail with a counterexample ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void deepSets_isPermutationInvariant(DType dtype) {
        assertPass(Scenarios.deepSets(fixtures(), false, dtype).run(), dtype);
    }

    @Test
    void positionalEmbedding_breaksPermutationInvarianceDownToATransposition() {
        AuditReport report = assertFail(Scenarios.deepSets(fixtures(), true, DType.FLOAT32).run());
        String element = report.counterexample().orElseThrow().element();
        assertThat(element).as(TextReport.render(report)).startsWith("Permutation[");
        int[] moved = movedPoints(element);
        assertThat(moved).as(element).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void liftingConvolution_isC4Equivariant(DType dtype) {
        assertPass(Scenarios.liftingConv(fixtures(), false, dtype).run(), dtype);
    }

    @Test
    void unrotatedKernel_breaksC4Equivariance() {
        assertFail(Scenarios.liftingConv(fixtures(), true, DType.FLOAT32).run());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void vectorModel_isRotationEquivariant(DType dtype) {
        assertPass(Scenarios.vectorModel(fixtures(), false, dtype).run(), dtype);
    }

    @Test
    void reluOnVectors_breaksRotationEquivariance() {
        assertFail(Scenarios.vectorModel(fixtures(), true, DType.FLOAT32).run());
    }

    // ---- actions on the backend's own tensors ----

    static Stream<ActionCases.Case> actions() {
        return ActionCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void everyAction_isARepresentationOnThisBackendsTensors(ActionCases.Case c) {
        TensorBackend backend = fixtures().backend();
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(42);
        try (TensorScope scope = backend.openScope()) {
            for (int t = 0; t < 6; t++) {
                GroupElement a = c.group().random(rng);
                GroupElement b = c.group().random(rng);
                Tensor x = ActionCases.random(backend, rng, c.shape());
                assertThat(ActionCases.maxAbsDiff(rho.apply(a.compose(b), x), rho.apply(a, rho.apply(b, x))))
                        .as("rho(ab) x = rho(a) rho(b) x for a = %s, b = %s", a, b).isLessThanOrEqualTo(1e-12);
                assertThat(ActionCases.maxAbsDiff(rho.apply(a.inverse(), rho.apply(a, x)), x))
                        .as("rho(a^-1) rho(a) x = x for a = %s", a).isLessThanOrEqualTo(1e-12);
                assertThat(ActionCases.maxAbsDiff(rho.apply(c.group().identity(), x), x)).isLessThanOrEqualTo(1e-12);
                Tensor y = rho.apply(a, x);
                assertThat(y.shape()).containsExactly(c.shape());
                assertThat(Math.sqrt(y.sumOfSquares())).isCloseTo(Math.sqrt(x.sumOfSquares()),
                        org.assertj.core.api.Assertions.within(1e-10));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void everyAction_transformsAStackOfElementsLikeEachElementAlone(ActionCases.Case c) {
        TensorBackend backend = fixtures().backend();
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(7);
        List<GroupElement> elements = new java.util.ArrayList<>();
        elements.add(c.group().identity());
        for (int i = 0; i < 11; i++) {
            elements.add(c.group().random(rng));
        }
        elements.add(elements.get(3));
        try (TensorScope scope = backend.openScope()) {
            Tensor x = ActionCases.random(backend, rng, c.shape());
            // index actions move values (exactly equal); arithmetic ones may round differently when batched
            double tolerance = rho.exactInAnyDtype() ? 0 : 1e-12;
            // twice: the second pass reuses the gathers (and device indices) kept by the first
            for (int pass = 0; pass < 2; pass++) {
                List<Tensor> each = rho.applyEach(elements, x).slices();
                List<Tensor> stacked = rho.applyStacked(elements, x.tile(elements.size())).slices();
                for (int s = 0; s < elements.size(); s++) {
                    Tensor alone = rho.apply(elements.get(s), x);
                    assertThat(ActionCases.maxAbsDiff(each.get(s).reshape(c.shape()), alone))
                            .as("applyEach slice %d (g = %s), pass %d", s, elements.get(s), pass)
                            .isLessThanOrEqualTo(tolerance);
                    assertThat(ActionCases.maxAbsDiff(stacked.get(s).reshape(c.shape()), alone))
                            .as("applyStacked slice %d (g = %s), pass %d", s, elements.get(s), pass)
                            .isLessThanOrEqualTo(tolerance);
                }
            }
        } finally {
            backend.releaseCaches();
        }
    }

    static Stream<ActionCases.Case> interpolated() {
        return ActionCases.interpolated();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpolated")
    void interpolatedActions_transformAStackLikeEachElementAlone_andTheIdentityExactly(ActionCases.Case c) {
        TensorBackend backend = fixtures().backend();
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(8);
        List<GroupElement> elements = new java.util.ArrayList<>();
        elements.add(c.group().identity());
        for (int i = 0; i < 9; i++) {
            elements.add(c.group().random(rng));
        }
        try (TensorScope scope = backend.openScope()) {
            Tensor x = ActionCases.random(backend, rng, c.shape());
            assertThat(ActionCases.maxAbsDiff(rho.apply(c.group().identity(), x), x)).isZero();
            List<Tensor> each = rho.applyEach(elements, x).slices();
            List<Tensor> compared = rho.compared(rho.applyEach(elements, x)).slices();
            for (int s = 0; s < elements.size(); s++) {
                Tensor alone = rho.apply(elements.get(s), x);
                assertThat(ActionCases.maxAbsDiff(each.get(s).reshape(c.shape()), alone))
                        .as("applyEach slice %d (g = %s)", s, elements.get(s)).isLessThanOrEqualTo(1e-12);
                assertThat(Math.sqrt(compared.get(s).sumOfSquares()))
                        .isLessThanOrEqualTo(Math.sqrt(alone.sumOfSquares()) + 1e-12);
            }
        } finally {
            backend.releaseCaches();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sliceStatistics_areTheSumOfSquaresAndLargestMagnitudePerSlice(DType dtype) {
        TensorBackend backend = fixtures().backend();
        try (TensorScope scope = backend.openScope()) {
            Tensor x = backend.fromDoubles(new double[] {1, -5, 2, 3, 4, -1, 0, 0, 0, 0.5, Double.NaN, 1}, new long[] {
                    4, 3}, dtype);
            double[][] stats = x.sliceSumOfSquaresAndMaxAbs();
            assertThat(stats[0]).hasSize(4);
            assertThat(stats[0][0]).isCloseTo(30, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(stats[0][1]).isCloseTo(26, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(stats[0][2]).isZero();
            assertThat(stats[1]).startsWith(5, 4, 0);
            assertThat(Double.isFinite(stats[0][3]) && Double.isFinite(stats[1][3]))
                    .as("a NaN in a slice makes its statistics non-finite").isFalse();
            Tensor big = backend.fromDoubles(new double[] {3e20, -4e20, 0, 0}, new long[] {2, 2}, dtype);
            assertThat(big.sliceSumOfSquares()[0]).as("no overflow of the squares")
                    .isCloseTo(25e40, org.assertj.core.api.Assertions.withinPercentage(1e-4));
            assertThat(big.sliceSumOfSquaresAndMaxAbs()[1][0])
                    .isCloseTo(4e20, org.assertj.core.api.Assertions.withinPercentage(1e-4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sumOfSquares_isFiniteForHugeFiniteValues_andCarriesNaN(DType dtype) {
        TensorBackend backend = fixtures().backend();
        try (TensorScope scope = backend.openScope()) {
            assertThat(backend.fromDoubles(new double[] {3, -4}, new long[] {2}, dtype).sumOfSquares())
                    .isCloseTo(25, org.assertj.core.api.Assertions.within(1e-5));
            // 3e30 squared overflows float32, not the sum of squares
            assertThat(backend.fromDoubles(new double[] {3e30, -4e30}, new long[] {2}, dtype).sumOfSquares())
                    .isCloseTo(25e60, org.assertj.core.api.Assertions.withinPercentage(1e-4));
            assertThat(backend.fromDoubles(new double[] {1, Double.NaN}, new long[] {2}, dtype).sumOfSquares())
                    .isNaN();
        }
    }

    @Test
    void reshapesInAnInnerScope_leaveTheOuterTensorUsable() {
        TensorBackend backend = fixtures().backend();
        try (TensorScope outer = backend.openScope()) {
            Tensor x = backend.fromDoubles(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DType.FLOAT64);
            try (TensorScope inner = backend.openScope()) {
                assertThat(x.reshape(2, 3).sumOfSquares()).isEqualTo(91);
                assertThat(x.reshape(6).reshape(3, 2).toDoubles()).containsExactly(1, 2, 3, 4, 5, 6);
            }
            assertThat(x.toDoubles()).as("the inner scope freed only what it made").containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(x.reshape(3, 2).toDoubles()).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void take_countsNegativeIndicesFromTheEnd_asNumpyDoes() {
        TensorBackend backend = fixtures().backend();
        try (TensorScope scope = backend.openScope()) {
            Tensor x = backend.fromDoubles(new double[] {1, 2, 3, 4, 5, 6}, new long[] {3, 2}, DType.FLOAT64);
            assertThat(x.take(0, new int[] {-1, 0}).toDoubles()).containsExactly(5, 6, 1, 2);
            int[] reused = new int[2048];
            reused[0] = -1;
            assertThat(x.takeReused(0, reused).toDoubles()).startsWith(5, 6, 1, 2);
            assertThat(x.take(1, new int[] {-1}).toDoubles()).containsExactly(2, 4, 6);
        } finally {
            backend.releaseCaches();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void differenceStatistics_areThoseOfTheDifferencePerSlice_andLeaveBothSidesAlone(DType dtype) {
        TensorBackend backend = fixtures().backend();
        try (TensorScope scope = backend.openScope()) {
            Tensor a = backend.fromDoubles(new double[] {1, -5, 2, 3, 4, -1}, new long[] {2, 3}, dtype);
            Tensor b = backend.fromDoubles(new double[] {1, 1, 1, 0, 0, 2}, new long[] {2, 3}, dtype);
            double[][] stats = a.sliceDifferenceStatistics(b);
            // differences: (0, -6, 1) and (3, 4, -3)
            assertThat(stats[0][0]).isCloseTo(37, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(stats[0][1]).isCloseTo(34, org.assertj.core.api.Assertions.within(1e-5));
            assertThat(stats[1][0]).isCloseTo(6, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(stats[1][1]).isCloseTo(4, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(a.toDoubles()).containsExactly(1, -5, 2, 3, 4, -1);
            assertThat(b.toDoubles()).containsExactly(1, 1, 1, 0, 0, 2);
            // differences of 3e20 and 4e20: their squares overflow float32, their statistics must not
            Tensor big = backend.fromDoubles(new double[] {3e20, 4e20, 0, 0, 0, 0}, new long[] {2, 3}, dtype);
            Tensor zero = backend.fromDoubles(new double[6], new long[] {2, 3}, dtype);
            double[][] large = big.sliceDifferenceStatistics(zero);
            assertThat(large[0][0]).isCloseTo(25e40, org.assertj.core.api.Assertions.withinPercentage(1e-4));
            assertThat(large[1][0]).isCloseTo(4e20, org.assertj.core.api.Assertions.withinPercentage(1e-4));
            Tensor nan = backend.fromDoubles(new double[] {Double.NaN, 0, 0, 0, 0, 0}, new long[] {2, 3}, dtype);
            assertThat(Double.isFinite(nan.sliceDifferenceStatistics(zero)[0][0])).isFalse();
        }
    }

    // ---- layer-wise localisation ----

    @Test
    void whenTheRampLayerBreaksEquivariance_itIsNamedAsTheFirstBreakingLayer() {
        AuditReport report = Scenarios.setNetwork(fixtures(), true).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        LayerResult first = report.firstBreakingLayer().orElseThrow(() -> new AssertionError(text));
        assertThat(first.name()).as(text).isEqualTo(fixtures().rampLayer());
        List<LayerResult> layers = report.layers();
        int index = layers.indexOf(first);
        assertThat(index).as(text).isGreaterThan(0);
        assertThat(layers.subList(0, index)).as(text)
                .allSatisfy(l -> assertThat(l.level()).isIn(Level.EXACT, Level.EXCELLENT));
        assertThat(text).contains("<-- first breaking layer");
    }

    @Test
    void whenEveryLayerIsEquivariant_everyLayerPasses() {
        AuditReport report = Scenarios.setNetwork(fixtures(), false).layers(true).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        assertThat(report.layers()).as(text).hasSizeGreaterThanOrEqualTo(5).allSatisfy(l -> {
            assertThat(l.level()).isIn(Level.EXACT, Level.EXCELLENT);
            assertThat(l.firstBreaking()).isFalse();
        });
    }

    // ---- gradients ----

    @Test
    void straightThroughTrick_passesForwardButFailsBothGradientChecks() {
        AuditReport report = Scenarios.straightThrough(fixtures()).run();
        String text = TextReport.render(report);
        assertThat(report.endToEnd().maxRelative()).as(text).isLessThan(1e-5);
        GradientResult g = report.gradients().orElseThrow();
        assertThat(g.level()).as(text).isEqualTo(Level.BROKEN);
        assertThat(g.inputGradientError()).as(text).isGreaterThan(1e-2);
        assertThat(g.parameterGradientError()).as(text).isGreaterThan(1e-2);
        assertThat(g.worstParameters().get(0).name()).as(text).endsWith(fixtures().straightThroughWeight());
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void equivariantModel_inputAndParameterGradientsPass() {
        AuditReport report = Scenarios.setNetwork(fixtures(), false).gradients(true).run();
        GradientResult g = report.gradients().orElseThrow();
        String text = TextReport.render(report);
        assertThat(g.level()).as(text).isIn(Level.EXACT, Level.EXCELLENT);
        assertThat(g.inputGradientError()).as(text).isLessThan(1e-4);
        assertThat(g.parameterGradientError()).as(text).isLessThan(1e-4);
        assertThat(g.worstParameters()).as(text).isNotEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void float64GradientCheck_isExactForAnEquivariantModel() {
        AuditReport report = Scenarios.vectorModel(fixtures(), false, DType.FLOAT64).gradients(true).run();
        GradientResult g = report.gradients().orElseThrow();
        assertThat(g.level()).as(TextReport.render(report)).isIn(Level.EXACT, Level.EXCELLENT);
        assertThat(Math.max(g.inputGradientError(), g.parameterGradientError())).isLessThan(1e-10);
    }

    // ---- bad inputs ----

    @Test
    void nanOutput_failsWithAMessageNamingTheCauseAndTheFix() {
        assertThatThrownBy(() -> Audit.of(fixtures().nanOutput()).group("SO(3)").input("vector", 2, 5, 3)
                .output("vector").seed(1).run())
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("NaN or Inf in output #0")
                .hasMessageContaining("Fix the model's numerics");
    }

    @Test
    void throwingModel_failsWithAMessageNamingTheCall() {
        assertThatThrownBy(() -> Audit.of(fixtures().throwing()).group("SO(3)").input("vector", 2, 5, 3)
                .output("vector").seed(1).run())
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("The model threw")
                .hasMessageContaining("with inputs of shapes [[2, 5, 3]]");
    }

    // ---- helpers ----

    private static void assertPass(AuditReport report, DType dtype) {
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        assertThat(report.counterexample()).isEmpty();
        assertThat(report.environment().dtype()).isEqualTo(dtype.toString());
        if (dtype == DType.FLOAT64) {
            assertThat(report.endToEnd().maxRelative()).as(text).isLessThanOrEqualTo(1e-12);
        }
    }

    private static AuditReport assertFail(AuditReport report) {
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(report.counterexample()).as(text).isPresent();
        assertThat(report.tolerance().classify(report.counterexample().get().error())).isEqualTo(Level.BROKEN);
        return report;
    }

    private static int[] movedPoints(String permutation) {
        String[] idx = permutation.substring("Permutation[".length(), permutation.length() - 1).split(" ");
        return java.util.stream.IntStream.range(0, idx.length).filter(i -> Integer.parseInt(idx[i]) != i).toArray();
    }
}
