package dev.equivariance.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.ElementResult;
import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.ModelAdapters;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same models with the same weights on DJL and ND4J must reach the same verdicts with errors that agree. Both
 * backends draw the same elements and inputs for a seed (they are generated on the host), so the comparison is per
 * element. The agreement is defined as:
 * <ul>
 *   <li>float32: for the end-to-end maximum and for every element's maximum relative error,
 *       {@code max(a, b, 1e-7) / max(min(a, b), 1e-7) <= 10}: within 10x, where errors below 1e-7 (float32 rounding)
 *       count as 1e-7;</li>
 *   <li>float64: errors below 1e-12 (the float64 "exact" level: rounding noise, which differs between kernels) must
 *       be below it on both backends; larger errors (those of broken models) must satisfy
 *       {@code |a - b| <= 1e-9 max(a, b)}.</li>
 * </ul>
 * Shrinking is limited, since counterexamples are not compared (the conformance suite checks them per backend).
 */
class CrossBackendAgreementTest {

    private static final double FLOOR32 = 1e-7;
    private static final double EXACT64 = 1e-12;

    /** A scenario of {@link Scenarios} by name, for a backend and a dtype. */
    record Model(String name, BiFunction<BackendFixtures, DType, Audit.Runner> scenario) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> models() {
        List<Model> models = List.of(
                new Model("DeepSets", (f, t) -> Scenarios.deepSets(f, false, t)),
                new Model("DeepSets + positional embedding", (f, t) -> Scenarios.deepSets(f, true, t)),
                new Model("p4 lifting conv", (f, t) -> Scenarios.liftingConv(f, false, t)),
                new Model("p4 lifting conv, unturned kernel", (f, t) -> Scenarios.liftingConv(f, true, t)),
                new Model("EGNN coordinates", (f, t) -> Scenarios.vectorModel(f, false, t)),
                new Model("EGNN coordinates + ReLU", (f, t) -> Scenarios.vectorModel(f, true, t)));
        return Stream.of(DType.FLOAT32, DType.FLOAT64).flatMap(t -> models.stream().map(m -> Arguments.of(m, t)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("models")
    void sameWeights_giveTheSameVerdictAndAgreeingErrors(Model model, DType dtype) {
        AuditReport djl = model.scenario().apply(SharedFixtures.djl(), dtype).shrinkBudget(4).run();
        AuditReport nd4j = model.scenario().apply(SharedFixtures.nd4j(), dtype).shrinkBudget(4).run();
        assertThat(nd4j.verdict()).as(model + " verdict").isEqualTo(djl.verdict());
        List<String> elements = djl.elements().stream().map(ElementResult::element).toList();
        assertThat(nd4j.elements().stream().map(ElementResult::element).toList()).isEqualTo(elements);
        double worst = agreement(dtype, djl.endToEnd().maxRelative(), nd4j.endToEnd().maxRelative(), model + " max");
        for (int i = 0; i < elements.size(); i++) {
            worst = Math.max(worst, agreement(dtype, djl.elements().get(i).maxRelative(),
                    nd4j.elements().get(i).maxRelative(), model + " " + elements.get(i)));
        }
        System.out.printf(Locale.ROOT, "agreement %-34s %-7s %-4s max relative DJL %.6e ND4J %.6e  worst %s %.4g%n",
                model, dtype, djl.verdict(), djl.endToEnd().maxRelative(), nd4j.endToEnd().maxRelative(),
                dtype == DType.FLOAT32 ? "ratio" : "relative difference", worst);
    }

    /** Asserts the agreement of two errors and returns its measure (ratio in float32, relative gap in float64). */
    private static double agreement(DType dtype, double a, double b, String what) {
        if (dtype == DType.FLOAT32) {
            double ratio = Math.max(Math.max(a, b), FLOOR32) / Math.max(Math.min(a, b), FLOOR32);
            assertThat(ratio).as("%s: DJL %s, ND4J %s", what, a, b).isLessThanOrEqualTo(10);
            return ratio;
        }
        if (a < EXACT64 || b < EXACT64) {
            assertThat(Math.max(a, b)).as("%s: DJL %s, ND4J %s", what, a, b).isLessThan(EXACT64);
            return 0;
        }
        double gap = Math.abs(a - b) / Math.max(a, b);
        assertThat(gap).as("%s: DJL %s, ND4J %s", what, a, b).isLessThanOrEqualTo(1e-9);
        return gap;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("models")
    void sameWeights_giveTheSameOutputs(Model model, DType dtype) {
        long[] shape = model.scenario().apply(SharedFixtures.djl(), dtype).spec().inputs().get(0).shape();
        double[] x = ActionCases.random(SharedFixtures.djl().backend(), new SplittableRandom(7), shape).toDoubles();
        double[] djl = forward(model.scenario().apply(SharedFixtures.djl(), dtype).spec().model(), x, shape, dtype);
        double[] nd4j = forward(model.scenario().apply(SharedFixtures.nd4j(), dtype).spec().model(), x, shape, dtype);
        double diff = 0;
        double norm = 0;
        assertThat(nd4j).hasSameSizeAs(djl);
        for (int i = 0; i < djl.length; i++) {
            diff += (djl[i] - nd4j[i]) * (djl[i] - nd4j[i]);
            norm += djl[i] * djl[i];
        }
        double relative = Math.sqrt(diff / norm);
        System.out.printf(Locale.ROOT, "outputs   %-34s %-7s relative difference %.3e%n", model, dtype, relative);
        assertThat(relative).isLessThanOrEqualTo(dtype == DType.FLOAT32 ? 1e-5 : 1e-12);
    }

    private static double[] forward(Object model, double[] x, long[] shape, DType dtype) {
        AuditedModel m = ModelAdapters.adapt(model, List.of(shape), dtype);
        try (TensorScope scope = m.backend().openScope()) {
            Tensor in = m.backend().fromDoubles(x, shape, m.dtype());
            return m.forward(List.of(in)).get(0).toDoubles();
        } finally {
            if (m != model) {
                m.close();
            }
        }
    }

    static Stream<ActionCases.Case> actions() {
        return Stream.concat(ActionCases.all(), ActionCases.interpolated());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void everyAction_givesTheSameNumbersOnBothBackends(ActionCases.Case c) {
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(9);
        BackendFixtures djl = SharedFixtures.djl();
        BackendFixtures nd4j = SharedFixtures.nd4j();
        try (TensorScope a = djl.backend().openScope(); TensorScope b = nd4j.backend().openScope()) {
            for (int t = 0; t < 4; t++) {
                GroupElement g = c.group().random(rng);
                double[] x = ActionCases.random(djl.backend(), rng, c.shape()).toDoubles();
                double[] onDjl = rho.apply(g, djl.backend().fromDoubles(x, c.shape(), DType.FLOAT64)).toDoubles();
                double[] onNd4j = rho.apply(g, nd4j.backend().fromDoubles(x, c.shape(), DType.FLOAT64)).toDoubles();
                assertThat(onNd4j).as("g = %s", g).containsExactly(onDjl, org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }
}
