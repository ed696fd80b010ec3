package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.ElementResult;
import dev.equivariance.audit.IssueKind;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import dev.equivariance.models.SmoothDiskImages;
import dev.equivariance.rep.Actions;
import dev.equivariance.report.TextReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The C8 steerable CNN exported by src/test/python/export_fixtures.py (the DJL test model's architecture in torch):
 * TorchScript in float32 and its float64 twin, and ONNX. Under C8 it is approximately invariant, the same in float64
 * (discretisation, not round-off); under C4 exactly; the twin with unshifted rotation channels fails at group_conv.
 */
class C8ExportsAuditTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final String C8_INPUT = "rotate(axes=(2,3), interpolation=bicubic)";

    private static Audit.Runner audit(Object model, String group, String input) {
        return Audit.of(model).group(group)
                .input(Actions.parse(input), new SmoothDiskImages(4, 4), 2, 1, 29, 29).invariant()
                .samples(2).trials(16).seed(11);
    }

    private static double worst(AuditReport report, boolean quarterTurns) {
        return report.elements().stream()
                .filter(e -> e.element().matches("Rotation\\(([0246])/8 turn.*") == quarterTurns)
                .mapToDouble(ElementResult::maxRelative).max().orElseThrow();
    }

    private static AuditReport approximateUnderC8(Object model) {
        AuditReport report = audit(model, "C8", C8_INPUT).shrinkBudget(0).run();
        String text = TextReport.render(report);
        assertThat(report.level()).as(text).isEqualTo(Level.APPROXIMATE);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.NEEDS_ATTENTION);
        assertThat(report.endToEnd().maxRelative()).as(text).isBetween(3e-4, 5e-3);
        assertThat(worst(report, false)).as(text).isGreaterThan(3e-4);
        assertThat(report.issues()).as(text).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(IssueKind.DISCRETISATION);
            assertThat(i.evidence()).contains("within tolerance");
        });
        return report;
    }

    @Test
    void torchScriptFloat32AndItsFloat64Twin_areApproximatelyInvariantUnderC8_withTheSameError() {
        AuditReport f32;
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("c8_steerable.pt"))) {
            f32 = approximateUnderC8(model);
            assertThat(worst(f32, true)).as("quarter turns in float32").isLessThan(1e-6);
        }
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("c8_steerable_f64.pt"))) {
            AuditReport f64 = approximateUnderC8(model);
            assertThat(f64.environment().dtype()).isEqualTo("float64");
            assertThat(worst(f64, true)).as("quarter turns in float64").isLessThan(1e-12);
            // the same weights in float64: the interpolation error does not move, so it is not round-off
            assertThat(worst(f64, false) / worst(f32, false)).isBetween(0.9, 1.1);
        }
    }

    @Test
    void theOnnxExport_isApproximatelyInvariantUnderC8_andExactlyUnderC4() {
        try (OnnxModel model = Onnx.load(FIXTURES.resolve("c8_steerable.onnx"))) {
            approximateUnderC8(model);
            AuditReport c4 = audit(model, "C4", "rotate(axes=(2,3))").run();
            assertThat(c4.verdict()).as(TextReport.render(c4)).isEqualTo(Verdict.PASS);
            assertThat(c4.level()).isEqualTo(Level.EXACT);
        }
    }

    @Test
    void torchScriptUnderItsC4Subgroup_isExactlyInvariantLayerByLayer() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("c8_steerable.pt"))) {
            AuditReport report = withFieldActions(audit(model, "C4", "rotate(axes=(2,3))")).run();
            String text = TextReport.render(report);
            assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
            assertThat(report.level()).as(text).isEqualTo(Level.EXACT);
            assertThat(report.layers()).as(text).hasSize(6).allSatisfy(l -> assertThat(l.level()).isEqualTo(Level.EXACT));
        }
    }

    @Test
    void theTwinWithUnshiftedRotationChannels_failsAtGroupConv() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("c8_steerable_unshifted.pt"))) {
            AuditReport report = withFieldActions(audit(model, "C4", "rotate(axes=(2,3))")).run();
            String text = TextReport.render(report);
            assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
            assertThat(report.firstBreakingLayer()).as(text)
                    .hasValueSatisfying(l -> assertThat(l.name()).isEqualTo("group_conv"));
            assertThat(report.issues()).extracting(i -> i.kind()).doesNotContain(IssueKind.DISCRETISATION);
            assertThat(report.issues()).as(text).anySatisfy(i -> {
                assertThat(i.kind()).isIn(IssueKind.BREAKING_LAYER, IssueKind.CUSTOM_LAYER_BUG);
                assertThat(i.location()).isEqualTo("layer group_conv");
            });
        }
    }

    private static Audit.Runner withFieldActions(Audit.Runner runner) {
        Audit.Runner r = runner.layers(true);
        for (String layer : new String[] {"lifting", "relu1", "group_conv", "relu2"}) {
            r = r.layerAction(layer, "cn(axis=1, axes=(2,3), n=8)");
        }
        return r;
    }
}
