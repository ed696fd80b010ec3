package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.models.C8SteerableCnn;
import dev.equivariance.models.SmoothDiskImages;
import dev.equivariance.rep.Actions;
import dev.equivariance.report.TextReport;
import dev.equivariance.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A C8 steerable CNN (DJL): lifting by bilinearly rotated filters, regular fields of C8, group pooling to invariants.
 * Under C8 it is approximately invariant (odd eighth turns interpolate, quarter turns are exact), under its C4 subgroup
 * exactly; its planted-bug twin (rotation channels not shifted in the group convolution) fails at that layer.
 *
 * <p>The inputs are smooth images inside the inscribed disk ({@link SmoothDiskImages}), and the audit rotates them
 * bicubically: bilinear interpolation of the input alone would add an error of its own (3.8e-3 here, still
 * APPROXIMATE), which would blur what the model contributes.
 */
class C8SteerableCnnAuditTest {

    static final int S = C8SteerableCnn.SIZE;
    static final String C8_INPUT = "rotate(axes=(2,3), interpolation=bicubic)";
    static final String C8_FIELDS = "cn(axis=1, axes=(2,3), interpolation=bicubic)";
    /** C8 regular fields seen by the C4 subgroup: a quarter turn shifts the rotation channels by two. */
    static final String C8_FIELDS_UNDER_C4 = "cn(axis=1, axes=(2,3), n=8)";
    static final List<String> FIELD_LAYERS = List.of("01C8Lifting", "02LambdaBlock", "03C8GroupConv", "04LambdaBlock");

    static Audit.Runner audit(Object model, String group, String input) {
        return Audit.of(model).group(group)
                .input(Actions.parse(input), new SmoothDiskImages(4, 4), 2, 1, S, S).invariant()
                .samples(2).trials(16).seed(11);
    }

    /** Layer by layer, with the action of the C8 fields declared on the layers that carry them. */
    static Audit.Runner layered(Audit.Runner runner, String fields) {
        Audit.Runner r = runner.layers(true);
        for (String layer : FIELD_LAYERS) {
            r = r.layerAction(layer, fields);
        }
        return r;
    }

    private static double worst(AuditReport report, boolean quarterTurns) {
        return report.elements().stream()
                .filter(e -> e.element().matches("Rotation\\(([0246])/8 turn.*") == quarterTurns)
                .mapToDouble(ElementResult::maxRelative).max().orElseThrow();
    }

    @Test
    void underC8_theNetworkIsApproximatelyInvariant_exactAtQuarterTurns_andTheSameInFloat64() {
        // an approximate model needs no smallest counterexample here: only the levels and the errors per element
        AuditReport f32 = audit(C8SteerableCnn.equivariant(), "C8", C8_INPUT).shrinkBudget(0).run();
        String text = TextReport.render(f32);
        assertThat(f32.level()).as(text).isEqualTo(Level.APPROXIMATE);
        assertThat(f32.verdict()).as(text).isEqualTo(Verdict.NEEDS_ATTENTION);
        assertThat(f32.endToEnd().maxRelative()).as(text).isBetween(3e-4, 5e-3);
        assertThat(worst(f32, true)).as("quarter turns: float32 round-off only").isLessThan(1e-6);
        assertThat(worst(f32, false)).as("odd eighth turns: interpolation").isGreaterThan(3e-4);

        // the float64 rerun shows the same error: discretisation (interpolation), not round-off
        AuditReport f64 = audit(C8SteerableCnn.equivariant(), "C8", C8_INPUT).dtype(DType.FLOAT64).shrinkBudget(0)
                .run();
        String text64 = TextReport.render(f64);
        assertThat(f64.level()).as(text64).isEqualTo(Level.APPROXIMATE);
        assertThat(f64.endToEnd().maxRelative()).as(text64).isBetween(3e-4, 1e-2);
        assertThat(worst(f64, true)).as("quarter turns in float64").isLessThan(1e-12);
        assertThat(worst(f64, false) / worst(f32, false)).as("odd turns: float32 and float64 alike")
                .isBetween(0.2, 5.0);
        assertThat(f32.issues()).extracting(Issue::kind).doesNotContain(IssueKind.NUMERICAL_PRECISION);
        for (AuditReport r : List.of(f32, f64)) {
            assertThat(r.issues()).as(TextReport.render(r)).anySatisfy(i -> {
                assertThat(i.kind()).isEqualTo(IssueKind.DISCRETISATION);
                assertThat(i.title()).isEqualTo("Discretisation (interpolation)");
                assertThat(i.severity()).isEqualTo(Issue.Severity.WARNING);
                assertThat(i.evidence()).contains("within tolerance");
            });
        }
        assertThat(f32.issues()).as("the float32 block has a float64 twin to rerun").anySatisfy(i ->
                assertThat(i.evidence()).contains("float64 rerun"));
        // declared as expected, the same audit passes the test
        AuditReport allowed = audit(C8SteerableCnn.equivariant(), "C8", C8_INPUT).approximateExpected(true)
                .shrinkBudget(0).run();
        assertThat(allowed.acceptable()).isTrue();
    }

    @Test
    void underC8WithBilinearInputRotation_theInterpolationOfTheInputAddsItsOwnError() {
        AuditReport bilinear = audit(C8SteerableCnn.equivariant(), "C8", "rotate(axes=(2,3))").shrinkBudget(0).run();
        assertThat(bilinear.level()).as(TextReport.render(bilinear)).isEqualTo(Level.APPROXIMATE);
        assertThat(bilinear.endToEnd().maxRelative()).isBetween(2e-3, 1e-2);
    }

    @Test
    void underItsC4Subgroup_theNetworkIsExactlyInvariant_layerByLayerToo() {
        AuditReport report = layered(audit(C8SteerableCnn.equivariant(), "C4", "rotate(axes=(2,3))"),
                C8_FIELDS_UNDER_C4).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        assertThat(report.level()).as(text).isEqualTo(Level.EXACT);
        assertThat(report.layers()).as(text).hasSize(6).allSatisfy(l -> assertThat(l.level()).isEqualTo(Level.EXACT));
        assertThat(report.counterexample()).isEmpty();
    }

    @Test
    void withRotationChannelsNotShifted_theAuditFailsAtTheGroupConvolution() {
        AuditReport report = layered(audit(C8SteerableCnn.unshiftedChannels(), "C4", "rotate(axes=(2,3))"),
                C8_FIELDS_UNDER_C4).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(report.firstBreakingLayer()).as(text)
                .hasValueSatisfying(l -> assertThat(l.name()).isEqualTo("03C8GroupConv"));
        assertThat(report.layers().subList(0, 2)).allSatisfy(l -> assertThat(l.level()).isEqualTo(Level.EXACT));
        assertThat(report.issues()).as(text).anySatisfy(i -> {
            assertThat(i.kind()).isEqualTo(IssueKind.CUSTOM_LAYER_BUG);
            assertThat(i.location()).isEqualTo("layer 03C8GroupConv");
        });
        assertThat(report.counterexample()).as(text).hasValueSatisfying(c ->
                assertThat(c.element()).isEqualTo("Rot90(k=1)"));
    }

    @Test
    void withRotationChannelsNotShifted_underC8WithAToleranceAboveTheInterpolationError_theGroupConvIsNamed() {
        // per pixel, the C8 fields interpolate by a few 1e-2 (filters and feature maps, with the auditor's non-zero
        // biases); the bug is 1e0
        AuditReport report = layered(audit(C8SteerableCnn.unshiftedChannels(), "C8", C8_INPUT), C8_FIELDS)
                .tolerance(1e-1).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        assertThat(report.firstBreakingLayer()).as(text)
                .hasValueSatisfying(l -> assertThat(l.name()).isEqualTo("03C8GroupConv"));
        assertThat(report.issues()).extracting(Issue::kind).doesNotContain(IssueKind.DISCRETISATION);
        assertThat(report.layers().get(0).propagatedError()).as(text).isBetween(1e-3, 1e-1);
        AuditReport good = layered(audit(C8SteerableCnn.equivariant(), "C8", C8_INPUT), C8_FIELDS)
                .tolerance(1e-1).shrinkBudget(0).run();
        assertThat(good.verdict()).as(TextReport.render(good)).isEqualTo(Verdict.PASS);
    }
}
