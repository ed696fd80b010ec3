package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.models.CircularCnn;
import dev.equivariance.models.LayeredModels;
import dev.equivariance.report.TextReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerAndGradientAuditTest {

    @Test
    void whenExactlyTheThirdLayerBreaks_reportNamesItAndEveryEarlierLayerPasses() {
        AuditReport report = Audit.of(LayeredModels.setNetwork(true)).group("S(n)").input("permute(axis=1)", 2, 6, 3)
                .output("permute(axis=1)").trials(12).seed(4).run();
        String text = TextReport.render(report);
        assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
        List<LayerResult> layers = report.layers();
        assertThat(layers).as(text).hasSize(6);
        LayerResult third = layers.get(2);
        assertThat(third.firstBreaking()).as(text).isTrue();
        assertThat(third.kind()).isEqualTo("positionalRamp");
        assertThat(layers.subList(0, 2)).allSatisfy(l -> assertThat(l.level()).isIn(Level.EXACT, Level.EXCELLENT));
        assertThat(layers.subList(3, 6)).allSatisfy(l -> assertThat(l.localError()).isLessThan(1e-4));
        assertThat(layers.subList(0, 2)).as("before the break, layers need not run alone")
                .allSatisfy(l -> assertThat(l.localError()).isNaN());
        assertThat(third.localError()).isGreaterThan(1e-2);
        assertThat(report.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IssueKind.CUSTOM_LAYER_BUG);
            assertThat(i.location()).isEqualTo("layer " + third.name());
        });
        assertThat(text).contains("<-- first breaking layer");
    }

    @Test
    void whenEveryLayerIsEquivariant_theLayerWiseAuditPassesThemAll() {
        AuditReport report = Audit.of(LayeredModels.setNetwork(false)).group("S(n)").input("permute(axis=1)", 2, 6, 3)
                .output("permute(axis=1)").trials(12).seed(4).layers(true).run();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.layers()).hasSize(6).allSatisfy(l -> {
            assertThat(l.level()).isIn(Level.EXACT, Level.EXCELLENT);
            assertThat(l.firstBreaking()).isFalse();
        });
        assertThat(report.layers().get(5).action()).isEqualTo("permute(axis=1)");
        assertThat(report.layers()).as("equivariant activations imply equivariant layers: none runs alone")
                .allSatisfy(l -> assertThat(l.localError()).isNaN());
        assertThat(report.notes()).anyMatch(n -> n.startsWith("Layers were run alone only from the first activation"));
    }

    @Test
    void aStraightThroughTrick_passesForwardButFailsTheGradientAuditNamingTheParameter() {
        AuditReport report = Audit.of(LayeredModels.straightThrough()).group("S(n)").input("permute(axis=1)", 2, 5, 3)
                .invariant().trials(12).seed(8).gradients(true).run();
        String text = TextReport.render(report);
        assertThat(report.endToEnd().maxRelative()).as(text).isLessThan(1e-5);
        assertThat(report.gradients()).isPresent();
        GradientResult g = report.gradients().get();
        assertThat(g.level()).as(text).isEqualTo(Level.BROKEN);
        assertThat(g.inputGradientError()).isGreaterThan(1e-2);
        assertThat(g.worstParameters().get(0).name()).as(text).endsWith("h_weight");
        assertThat(g.worstParameters().get(0).relativeError()).isGreaterThan(1e-2);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(text).contains("GRADIENT TEST:").contains("Gradients break the symmetry");
    }

    @Test
    void stackedGradientChecks_judgeLikeOneBackwardPassPerElement() {
        // maxBatch(1) turns stacking off: one backward pass per element, the reference for the stacked check
        for (boolean broken : new boolean[] {true, false}) {
            GradientResult[] results = new GradientResult[2];
            int i = 0;
            for (int maxBatch : new int[] {512, 1}) {
                AuditReport report = Audit.of(broken ? LayeredModels.straightThrough() : LayeredModels.setNetwork(false))
                        .group("S(n)").input("permute(axis=1)", 2, 5, 3).output(broken ? "trivial" : "permute(axis=1)")
                        .trials(12).seed(8).maxBatch(maxBatch).gradients(true).run();
                results[i++] = report.gradients().orElseThrow();
            }
            GradientResult stacked = results[0];
            GradientResult single = results[1];
            assertThat(stacked.level()).as("broken = %s", broken).isEqualTo(single.level());
            if (broken) {
                assertThat(stacked.inputGradientError())
                        .isCloseTo(single.inputGradientError(), org.assertj.core.api.Assertions.withinPercentage(1));
                assertThat(stacked.level()).isEqualTo(Level.BROKEN);
                assertThat(stacked.parameterGradientError()).isGreaterThan(1e-2);
                assertThat(stacked.worstParameters().get(0).name()).isEqualTo(single.worstParameters().get(0).name());
            } else {
                assertThat(stacked.inputGradientError()).isLessThan(1e-4);
                assertThat(stacked.parameterGradientError()).isLessThan(1e-4);
            }
        }
    }

    @Test
    void anEquivariantModelsGradients_passWithParametersMatched() {
        AuditReport report = Audit.of(LayeredModels.setNetwork(false)).group("S(n)").input("permute(axis=1)", 2, 6, 3)
                .output("permute(axis=1)").trials(8).seed(8).gradients(true).run();
        GradientResult g = report.gradients().orElseThrow();
        assertThat(g.level()).as(TextReport.render(report)).isIn(Level.EXACT, Level.EXCELLENT);
        assertThat(g.parameterGradientError()).isLessThan(1e-4);
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aFloat32ConvolutionGradientCheck_givesNoFalseFailWithOrWithoutTheCrossCheck() {
        for (boolean crossCheck : new boolean[] {true, false}) {
            AuditReport report = Audit.of(CircularCnn.circular(3, 2)).group("Z(8)xZ(8)")
                    .input("roll(axes=(2,3))", 2, 2, 8, 8).invariant().trials(8).seed(3).gradients(true)
                    .gradientCrossCheck(crossCheck).run();
            String text = TextReport.render(report);
            assertThat(report.gradients().orElseThrow().level()).as(text).isNotEqualTo(Level.BROKEN);
            assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
        }
    }
}
