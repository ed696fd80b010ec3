package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.backend.djl.TorchScriptModel;
import dev.equivariance.models.CircularCnn;
import dev.equivariance.models.DeepSets;
import dev.equivariance.models.LayeredModels;
import dev.equivariance.models.SetAttention;
import dev.equivariance.report.TextReport;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Gradients compared by scale: errors against the norm of the gradients they belong with, a floor from the dtype's
 * precision, "no gradient" for parameters that are zero to that floor on both sides; both sides from backward passes
 * of the same kind; the limits of float32 reported, not judged.
 */
class GradientScaleTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static Audit.Runner attention(Object model, long seed) {
        return Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3).output("permute(axis=1)")
                .samples(2).trials(8).seed(seed).gradients(true);
    }

    private static void passesWithTheKeyBiasWithoutGradient(AuditReport report, String keyBias) {
        String text = TextReport.render(report);
        GradientResult g = report.gradients().orElseThrow();
        assertThat(g.level()).as(text).isIn(Level.EXACT, Level.EXCELLENT);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        assertThat(g.noGradient()).as(text).anyMatch(n -> n.endsWith(keyBias));
        assertThat(g.worstParameters()).as(text).noneMatch(p -> p.name().endsWith(keyBias));
    }

    @Test
    void attentionWithBiasesAsADjlBlock_passesTheGradientAuditOverFiftySeeds() {
        Block model = SetAttention.build(8);
        for (long seed = 1; seed <= 50; seed++) {
            passesWithTheKeyBiasWithoutGradient(attention(model, seed).run(), "key_bias");
        }
    }

    @Test
    void attentionWithBiasesAsATorchScriptModule_passesTheGradientAuditOverFiftySeeds() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("set_attention.pt"))) {
            for (long seed = 1; seed <= 50; seed++) {
                passesWithTheKeyBiasWithoutGradient(attention(model, seed).run(), "key.bias");
            }
        }
    }

    @Test
    void attentionInFloat64_passesToo() {
        for (long seed = 1; seed <= 5; seed++) {
            passesWithTheKeyBiasWithoutGradient(attention(SetAttention.build(8), seed).dtype(DType.FLOAT64).run(),
                    "key_bias");
        }
    }

    @Test
    void parametersBelongToTheLayerTheirNameStartsWith() {
        assertThat(GradientAudit.layerOf("conv1.weight")).isEqualTo("conv1");
        assertThat(GradientAudit.layerOf("blocks.3.out.bias")).isEqualTo("blocks.3.out");
        assertThat(GradientAudit.layerOf("02SequentialBlock_01Linear_bias")).isEqualTo("02SequentialBlock_01Linear");
        assertThat(GradientAudit.layerOf("weight")).as("the top block's own").isEmpty();
    }

    @Test
    void theRuleAndTheFloorAreInTheReport() {
        AuditReport report = attention(SetAttention.build(8), 1).run();
        GradientResult g = report.gradients().orElseThrow();
        assertThat(g.rule()).contains("max(||grad of its layer").contains("100 eps S").contains("float32");
        String text = TextReport.render(report);
        assertThat(text).contains("Rule: " + g.rule()).contains("No gradient (not judged): 02key_bias");
    }

    @Test
    void straightThroughModelsStillFail_andNameTheParameter() {
        AuditReport djl = Audit.of(LayeredModels.straightThrough()).group("S(n)").input("permute(axis=1)", 2, 5, 3)
                .invariant().trials(12).seed(8).gradients(true).run();
        assertThat(djl.gradients().orElseThrow().level()).as(TextReport.render(djl)).isEqualTo(Level.BROKEN);
        assertThat(djl.gradients().orElseThrow().worstParameters().get(0).name()).endsWith("h_weight");
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("straight_through.pt"))) {
            AuditReport ts = Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 5, 3).invariant()
                    .trials(12).seed(2).gradients(true).run();
            assertThat(ts.gradients().orElseThrow().level()).as(TextReport.render(ts)).isEqualTo(Level.BROKEN);
            assertThat(ts.verdict()).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void aCircularCnnsGradients_passOverManySeeds() {
        // the reference comes from a backward pass of the same stacked size as the transformed inputs', so rounding
        // that differs between batch sizes (one flipped ReLU) cannot fail this correct model
        Block model = CircularCnn.circular(3, 2);
        for (long seed = 1; seed <= 20; seed++) {
            AuditReport report = Audit.of(model).group("Z(8)xZ(8)").input("roll(axes=(2,3))", 2, 2, 8, 8).invariant()
                    .samples(2).trials(8).seed(seed).gradients(true).gradientCrossCheck(false).run();
            assertThat(report.gradients().orElseThrow().level()).as(TextReport.render(report))
                    .isIn(Level.EXACT, Level.EXCELLENT);
        }
    }

    private static Block scaled(Block inner, double factor) {
        return new SequentialBlock().add(inner)
                .add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().mul(factor)), "scale"));
    }

    @Test
    void aLossThatOverflowsFloat32_isReportedAsSuch_notAsAPlatformProblem() {
        AuditReport report = Audit.of(scaled(DeepSets.build(8), 1e20)).group("S(n)").input("permute(axis=1)", 2, 6, 3)
                .invariant().trials(8).seed(1).gradients(true).run();
        String text = TextReport.render(report);
        assertThat(report.issues()).as(text).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(IssueKind.LOSS_OVERFLOW);
            assertThat(i.description()).contains("float64 twin");
        });
        assertThat(report.issues()).as(text).noneMatch(i -> i.kind() == IssueKind.NUMERICAL_PLATFORM_PROBLEM);
        assertThat(report.gradients().orElseThrow().level()).isEqualTo(Level.APPROXIMATE);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.NEEDS_ATTENTION);
    }

    @Test
    void aLossThatOverflowsWithoutAFloat64Twin_isNotJudged() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("set_attention.pt"))) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3)
                    .output("permute(axis=1)").trials(8).seed(1).gradients(true)
                    .loss(outs -> {
                        Tensor y = outs.get(0).scale(1e20);
                        return y.multiply(y).sum();
                    }).run();
            String text = TextReport.render(report);
            GradientResult g = report.gradients().orElseThrow();
            assertThat(report.issues()).as(text).anySatisfy(i -> assertThat(i.kind()).isEqualTo(IssueKind.LOSS_OVERFLOW));
            assertThat(g.level()).isEqualTo(Level.APPROXIMATE);
            assertThat(g.parameterGradientError()).as("never an error of 0").isNaN();
            assertThat(report.verdict()).isEqualTo(Verdict.NEEDS_ATTENTION);
        }
    }

    @Test
    void gradientsThatOverflowUnderAFiniteLoss_areAnOverflowToo() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("set_attention.pt"))) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3)
                    .output("permute(axis=1)").trials(8).seed(1).gradients(true)
                    .loss(outs -> outs.get(0).multiply(outs.get(0)).sum().scale(1e38)).run();
            String text = TextReport.render(report);
            assertThat(report.issues()).as(text).anySatisfy(i -> {
                assertThat(i.kind()).isEqualTo(IssueKind.LOSS_OVERFLOW);
                assertThat(i.evidence()).contains("scaled by 2^-40");
            });
            assertThat(report.issues()).as(text).noneMatch(i -> i.kind() == IssueKind.NUMERICAL_PLATFORM_PROBLEM);
        }
    }

    @Test
    void gradientsTooSmallForFloat32_areReportedAsUnderflow() {
        AuditReport report = Audit.of(scaled(DeepSets.build(8), 1e-25)).group("S(n)")
                .input("permute(axis=1)", 2, 6, 3).invariant().trials(8).seed(1).gradients(true).run();
        String text = TextReport.render(report);
        assertThat(report.issues()).as(text)
                .anySatisfy(i -> assertThat(i.kind()).isEqualTo(IssueKind.GRADIENT_UNDERFLOW));
        assertThat(report.verdict()).as(text).isNotEqualTo(Verdict.PASS);
    }
}
