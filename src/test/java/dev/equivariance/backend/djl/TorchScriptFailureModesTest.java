package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Issue;
import dev.equivariance.audit.IssueKind;
import dev.equivariance.audit.Verdict;
import dev.equivariance.models.C4LiftingConv;
import dev.equivariance.models.CircularCnn;
import dev.equivariance.models.DeepSets;
import dev.equivariance.models.EgnnCoordinates;
import dev.equivariance.models.P4GroupConv;
import dev.equivariance.models.ResidualSetNetwork;
import dev.equivariance.report.TextReport;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The same failure mode planted in a DJL block and in its TorchScript twin (exported by
 * src/test/python/export_fixtures.py): the report names the same cause for both, at the same layer. TorchScript
 * layers get their kinds from the module archive and run alone through a copy of the module with one method per
 * child, so the detectors see them as they see DJL blocks.
 */
class TorchScriptFailureModesTest {

    static final Path FIXTURES = TorchScriptAuditTest.FIXTURES;

    private static AuditReport audit(Object model, Function<Audit.Runner, Audit.Runner> spec) {
        return spec.apply(Audit.of(model)).run();
    }

    private static AuditReport torchScript(String file, Function<Audit.Runner, Audit.Runner> spec) {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve(file))) {
            return audit(model, spec);
        }
    }

    private static Issue firstIssue(AuditReport report) {
        String text = TextReport.render(report);
        assertThat(report.issues()).as(text).isNotEmpty();
        return report.issues().get(0);
    }

    private static void sameCause(AuditReport djl, AuditReport ts, IssueKind kind, String djlLayer, String tsLayer) {
        Issue a = firstIssue(djl);
        Issue b = firstIssue(ts);
        assertThat(djl.verdict()).as(TextReport.render(djl)).isEqualTo(Verdict.FAIL);
        assertThat(ts.verdict()).as(TextReport.render(ts)).isEqualTo(Verdict.FAIL);
        assertThat(a.kind()).as(TextReport.render(djl)).isEqualTo(kind);
        assertThat(b.kind()).as(TextReport.render(ts)).isEqualTo(kind);
        assertThat(a.location()).as(TextReport.render(djl)).isEqualTo("layer " + djlLayer);
        assertThat(b.location()).as(TextReport.render(ts)).isEqualTo("layer " + tsLayer);
    }

    @Test
    void reluOnEgnnCoordinates_isANonEquivariantNonlinearityAtTheRelu() {
        Function<Audit.Runner, Audit.Runner> spec = r -> r.group("SO(3)").input("vector", 2, 5, 3).output("vector")
                .trials(12).seed(1);
        Block djl = new SequentialBlock().add(EgnnCoordinates.build(8)).add(Activation.reluBlock())
                .add(EgnnCoordinates.build(8));
        AuditReport a = audit(djl, spec);
        AuditReport b = torchScript("egnn_relu.pt", spec);
        sameCause(a, b, IssueKind.NON_EQUIVARIANT_NONLINEARITY, "02LambdaBlock", "relu");
        assertThat(b.layers()).extracting(l -> l.kind()).containsExactly("EgnnCoordinates", "ReLU", "EgnnCoordinates");
        assertThat(b.issues().get(0).description()).contains("ReLU");
    }

    @Test
    void aP4GroupConvolutionThatForgetsTheChannelShift_isACustomLayerBugAtThatLayer() {
        Function<Audit.Runner, Audit.Runner> spec = r -> r.group("C4").input("rot90(axes=(2,3))", 2, 1, 9, 9)
                .output("p4(axis=1, axes=(2,3))").trials(8).seed(2);
        AuditReport a = audit(p4Net(false), spec);
        AuditReport b = torchScript("p4_net_no_channel_shift.pt", spec);
        sameCause(a, b, IssueKind.CUSTOM_LAYER_BUG, "03P4GroupConv", "gconv");
        assertThat(b.layers()).extracting(l -> l.kind()).containsExactly("P4Lifting", "ReLU", "P4GroupConv", "ReLU");
    }

    @Test
    void theP4NetworksWithTheShift_pass() {
        Function<Audit.Runner, Audit.Runner> spec = r -> r.group("C4").input("rot90(axes=(2,3))", 2, 1, 9, 9)
                .output("p4(axis=1, axes=(2,3))").trials(8).seed(2);
        for (AuditReport r : new AuditReport[] {audit(p4Net(true), spec), torchScript("p4_net.pt", spec)}) {
            assertThat(r.verdict()).as(TextReport.render(r)).isEqualTo(Verdict.PASS);
        }
    }

    private static Block p4Net(boolean shift) {
        return new SequentialBlock().add(C4LiftingConv.equivariant(2, 3)).add(Activation.reluBlock())
                .add(shift ? P4GroupConv.equivariant(2, 3) : P4GroupConv.forgetsChannelShift(2, 3))
                .add(Activation.reluBlock());
    }

    @Test
    void zeroPaddingUnderCircularShifts_isAPaddingBoundaryEffectAtTheFirstConvolution() {
        Function<Audit.Runner, Audit.Runner> spec = r -> r.group("Z(8)xZ(8)").input("roll(axes=(2,3))", 2, 2, 8, 8)
                .invariant().trials(12).seed(6);
        AuditReport a = audit(CircularCnn.zeroPadded(3, 2), spec);
        AuditReport b = torchScript("cnn_zero_padding.pt", spec);
        sameCause(a, b, IssueKind.PADDING_BOUNDARY, "01Conv2d", "conv1");
        for (AuditReport r : new AuditReport[] {a, b}) {
            assertThat(r.issues().get(0).evidence()).as(TextReport.render(r)).contains("pads with zeros");
        }
        AuditReport circular = torchScript("cnn_circular_padding.pt", spec);
        assertThat(circular.verdict()).as(TextReport.render(circular)).isEqualTo(Verdict.PASS);
    }

    @Test
    void aPositionalEmbeddingInDeepSets_isACustomLayerBugAtTheEmbedding() {
        Function<Audit.Runner, Audit.Runner> spec = r -> r.group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                .trials(12).seed(3);
        AuditReport a = audit(DeepSets.withPositionalEmbedding(8), spec);
        AuditReport b = torchScript("deepsets_positional.pt", spec);
        sameCause(a, b, IssueKind.CUSTOM_LAYER_BUG, "01LambdaBlock", "pos");
        assertThat(b.layers()).extracting(l -> l.kind()).containsExactly("PositionalEmbedding", "Sequential",
                "SumPool", "Sequential");
    }

    @Test
    void batchNormInTrainingMode_isABatchCompositionDependence() {
        Function<Audit.Runner, Audit.Runner> spec = r -> r.group("S(n)").input("permute(axis=1)", 4, 6, 3).invariant()
                .trials(12).seed(2);
        AuditReport a = audit(DjlModels.inTrainingMode(dev.equivariance.models.FailureModes.setModelWithBatchNorm(),
                new long[] {4, 6, 3}), spec);
        AuditReport b;
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("set_batch_norm.pt")).inTrainingMode()) {
            b = audit(model, spec);
        }
        for (AuditReport r : new AuditReport[] {a, b}) {
            assertThat(firstIssue(r).kind()).as(TextReport.render(r)).isEqualTo(IssueKind.BATCH_COMPOSITION_DEPENDENCE);
            assertThat(r.environment().mode()).isEqualTo("training");
        }
    }

    @Test
    void anExactFortyBlockResidualSetNetworkInFloat32_passes() {
        Function<Audit.Runner, Audit.Runner> spec = r -> r.group("S(n)").input("permute(axis=1)", 2, 6, 3)
                .output("permute(axis=1)").samples(2).trials(8).seed(4).layers(true);
        AuditReport a = audit(ResidualSetNetwork.build(40), spec);
        AuditReport b = torchScript("residual_set_40.pt", spec);
        for (AuditReport r : new AuditReport[] {a, b}) {
            String text = TextReport.render(r);
            assertThat(r.verdict()).as(text).isEqualTo(Verdict.PASS);
            assertThat(r.layers()).as(text).hasSize(41).noneMatch(l -> l.firstBreaking());
            assertThat(r.issues()).as(text).allSatisfy(i -> assertThat(i.severity()).isEqualTo(Issue.Severity.INFO));
        }
        assertThat(b.layers().get(1).kind()).isEqualTo("ResidualSetBlock");
    }
}
