package dev.equivariance.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditException;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.GradientResult;
import dev.equivariance.audit.Level;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Gradients;
import dev.equivariance.tensor.Layer;
import dev.equivariance.tensor.Loss;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SameDiff descriptor, its adapter, layers, float64 copy, gradients and the ND4J tensor scopes. */
class SameDiffModelTest {

    @BeforeAll
    static void setUp() {
        Nd4jTestSetup.init();
    }

    /** x (B, n, 3) -> relu(x W^T + b) summed over the points: permutation invariant, with a trainable W. */
    private static SameDiff pooled() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, -1, 3);
        double[] weights = new double[12];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = -1 + 2.0 * i / 11;
        }
        SDVariable w = sd.var("w", Nd4j.create(weights, new long[] {4, 3}, DataType.DOUBLE).castTo(DataType.FLOAT));
        SDVariable h = sd.nn.relu("hidden", sd.sum(sd.expandDims(x, 2).mul(w), 3), 0);
        sd.sum("pooled", h, 1);
        return sd;
    }

    @Test
    void aPlainGraphWithOnePlaceholderAndOneLeaf_isAuditedDirectly() {
        AuditReport report = Audit.of(pooled()).group("S(n)").input("permute(axis=1)", 2, 5, 3).invariant()
                .trials(8).seed(1).run();
        assertThat(report.verdict()).hasToString("PASS");
        assertThat(report.environment().backend()).startsWith("ND4J 1.0.0-M2.1");
        assertThat(report.environment().threads()).isEqualTo(1);
    }

    @Test
    void aGraphWithTwoPlaceholders_getsAnErrorSayingHowToNameThem() {
        SameDiff sd = pooled();
        sd.placeHolder("labels", DataType.FLOAT, -1, 4);
        assertThatThrownBy(() -> Audit.of(sd).group("S(n)").input("permute(axis=1)", 2, 5, 3).invariant().run())
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("2 placeholders [labels, x]")
                .hasMessageContaining("SameDiffModel.of(sd).inputs(\"labels\").outputs(");
    }

    @Test
    void aGraphWithTwoLeaves_getsAnErrorNamingThem() {
        SameDiff sd = pooled();
        sd.math.tanh("other", sd.getVariable("hidden"));
        assertThatThrownBy(() -> Audit.of(sd).group("S(n)").input("permute(axis=1)", 2, 5, 3).invariant().run())
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("Cannot tell the output")
                .hasMessageContaining("[pooled, other]");
    }

    @Test
    void namingAnUnknownPlaceholderOrVariable_failsAtOnce() {
        assertThatThrownBy(() -> SameDiffModel.of(pooled()).inputs("w"))
                .hasMessageContaining("'w' is not a placeholder").hasMessageContaining("[x]")
                .hasMessageContaining("VARIABLE");
        assertThatThrownBy(() -> SameDiffModel.of(pooled()).outputs("nope"))
                .hasMessageContaining("No variable 'nope'");
    }

    @Test
    void layers_areTheOpsComputedFromTheInputs_orTheNamedVariables() {
        try (SameDiffModel model = SameDiffModel.of(pooled()).inputs("x").outputs("pooled")) {
            List<String> names = model.layered().orElseThrow().layers().stream().map(Layer::name).toList();
            assertThat(names).contains("hidden", "pooled").endsWith("pooled");
            assertThat(model.layered().orElseThrow().layers()).anySatisfy(l -> {
                assertThat(l.kind()).isEqualTo("relu");
                assertThat(l.activation()).isTrue();
            });
            model.layers("hidden", "pooled");
            assertThat(model.layered().orElseThrow().layers()).extracting(Layer::name)
                    .containsExactly("hidden", "pooled");
        }
    }

    @Test
    void float64Twin_computesTheSameFunctionInFloat64_andLeavesTheUsersGraphAlone() {
        SameDiff sd = pooled();
        try (SameDiffModel model = SameDiffModel.of(sd)) {
            AuditedModel twin = model.float64().orElseThrow();
            assertThat(twin.dtype()).isEqualTo(DType.FLOAT64);
            try (TensorScope scope = model.backend().openScope()) {
                double[] x = {0.5, -1, 2, 1, 0.25, -0.5, 3, 1, -2, -1, 1, 0.5};
                Tensor y32 = model.forward(List.of(model.backend().fromDoubles(x, new long[] {1, 4, 3},
                        DType.FLOAT32))).get(0);
                Tensor y64 = twin.forward(List.of(model.backend().fromDoubles(x, new long[] {1, 4, 3},
                        DType.FLOAT64))).get(0);
                assertThat(y64.dtype()).isEqualTo(DType.FLOAT64);
                assertThat(y64.toDoubles()).containsExactly(y32.toDoubles(),
                        org.assertj.core.api.Assertions.within(1e-5));
            }
        }
        assertThat(sd.getVariable("w").dataType()).isEqualTo(DataType.FLOAT);
        assertThat(sd.getVariable("x").dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void aGraphWithAFixedTypeCast_stillGetsAFloat64Copy_thatRunsThroughTheCast() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", Nd4j.ones(DataType.FLOAT, 1, 3));
        x.mul(2).castTo(DataType.FLOAT).mul("y", w);
        try (SameDiffModel model = SameDiffModel.of(sd); TensorScope scope = model.backend().openScope()) {
            AuditedModel twin = model.float64().orElseThrow();
            Tensor y = twin.forward(List.of(model.backend().fromDoubles(new double[] {1, 2, 3, 4, 5, 6},
                    new long[] {2, 3}, DType.FLOAT64))).get(0);
            assertThat(y.toDoubles()).containsExactly(2, 4, 6, 8, 10, 12);
        }
    }

    @Test
    void aLossUsingActionLikeOperations_isDifferentiatedInsideTheGraph() {
        // L = sum((y M^T)^2) for an orthogonal M: the same value as the sum of squares
        Loss rotated = outputs -> {
            Tensor y = outputs.get(0).contract(1, new double[][] {{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 1},
                    {0, 0, 1, 0}}).take(1, new int[] {3, 2, 1, 0});
            return y.multiply(y).sum();
        };
        try (SameDiffModel model = SameDiffModel.of(pooled()); TensorScope scope = model.backend().openScope()) {
            Tensor x = model.backend().fromDoubles(new double[] {0.5, -1, 2, 1, 0.25, -0.5, 1, 2, -3, 0, 1, -1},
                    new long[] {2, 2, 3}, DType.FLOAT32);
            Gradients plain = model.differentiable().orElseThrow().gradients(List.of(x), Loss.SUM_OF_SQUARES);
            Gradients viaActions = model.differentiable().orElseThrow().gradients(List.of(x), rotated);
            assertThat(viaActions.loss()).isCloseTo(plain.loss(), org.assertj.core.api.Assertions.within(1e-4));
            assertThat(viaActions.inputs().get(0).toDoubles()).containsExactly(plain.inputs().get(0).toDoubles(),
                    org.assertj.core.api.Assertions.within(1e-4));
            assertThat(viaActions.parameters()).containsOnlyKeys("w");
        }
    }

    @Test
    void aLossThatReadsValues_isRejectedWithAnExplanation() {
        Loss reading = outputs -> {
            outputs.get(0).toDoubles();
            return outputs.get(0).sum();
        };
        try (SameDiffModel model = SameDiffModel.of(pooled()); TensorScope scope = model.backend().openScope()) {
            Tensor x = model.backend().fromDoubles(new double[6], new long[] {1, 2, 3}, DType.FLOAT32);
            assertThatThrownBy(() -> model.differentiable().orElseThrow().gradients(List.of(x), reading))
                    .hasMessageContaining("built into the graph before anything is computed");
        }
    }

    @Test
    void aGraphWithoutTrainableVariables_stillGivesInputGradients() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        x.mul("y", 2.0);
        AuditReport report = Audit.of(sd).group("SO(3)").input("vector", 2, 3).output("vector").trials(4).seed(2)
                .gradients(true).run();
        GradientResult g = report.gradients().orElseThrow();
        assertThat(g.level()).isIn(Level.EXACT, Level.EXCELLENT);
        assertThat(g.worstParameters()).isEmpty();
    }

    @Test
    void closingAScope_freesItsArrays_butNotTheUsersArrays() {
        Nd4jBackend backend = new Nd4jBackend();
        INDArray users = Nd4j.ones(DataType.DOUBLE, 2, 3);
        INDArray made;
        try (TensorScope scope = backend.openScope()) {
            Tensor wrapped = backend.wrapNative(users);
            Tensor y = wrapped.swapAxes(0, 1).scale(2);
            made = Nd4jBackend.unwrap(y);
            assertThat(y.shape()).containsExactly(3, 2);
            assertThat(y.toDoubles()).containsOnly(2.0);
        }
        assertThat(made.wasClosed()).isTrue();
        assertThat(users.wasClosed()).isFalse();
        assertThat(users.sumNumber().doubleValue()).isEqualTo(6.0);
        backend.close();
    }
}
