package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.GradientResult;
import dev.equivariance.audit.LayerResult;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import dev.equivariance.report.TextReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TorchScriptAuditTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void anExactTorchScriptModel_passesEndToEndAndLayerByLayer() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("vector_net.pt"))) {
            AuditReport report = Audit.of(model).group("SO(3)").input("vector", 2, 5, 3).output("vector")
                    .trials(16).seed(1).layers(true).run();
            String text = TextReport.render(report);
            assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
            assertThat(report.layers()).extracting(LayerResult::name).containsExactly("gate1", "mix", "gate2");
            assertThat(report.layers()).allSatisfy(l -> assertThat(l.level()).isIn(Level.EXACT, Level.EXCELLENT));
            assertThat(report.environment().mode()).isEqualTo("eval");
        }
    }

    @Test
    void aTorchScriptModelBrokenInOneNamedChild_isACustomLayerBugAtThatChild() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("vector_net_biased_mix.pt"))) {
            AuditReport report = Audit.of(model).group("SO(3)").input("vector", 2, 5, 3).output("vector")
                    .trials(16).seed(1).run();
            String text = TextReport.render(report);
            assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
            assertThat(report.layers()).extracting(LayerResult::kind).as(text).containsExactly("Gate", "BiasedMix",
                    "Gate");
            assertThat(report.firstBreakingLayer()).as(text).hasValueSatisfying(l -> {
                assertThat(l.name()).isEqualTo("mix");
                assertThat(l.localError()).as("the child ran alone").isGreaterThan(1e-2);
            });
            assertThat(report.layers().get(0).level()).isIn(Level.EXACT, Level.EXCELLENT);
            assertThat(report.layers().get(2).localError()).as(text).isLessThan(1e-4);
            assertThat(report.issues()).first().satisfies(i -> {
                assertThat(i.kind()).isEqualTo(dev.equivariance.audit.IssueKind.CUSTOM_LAYER_BUG);
                assertThat(i.location()).isEqualTo("layer mix");
            });
        }
    }

    @Test
    void aStraightThroughTrick_passesForwardAndFailsTheGradientAuditNamingTheParameters() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("straight_through.pt"))) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 5, 3).invariant()
                    .trials(12).seed(2).gradients(true).run();
            String text = TextReport.render(report);
            assertThat(report.endToEnd().maxRelative()).as(text).isLessThan(1e-5);
            GradientResult g = report.gradients().orElseThrow();
            assertThat(g.level()).as(text).isEqualTo(Level.BROKEN);
            assertThat(g.worstParameters().get(0).name()).as(text).isEqualTo("h.weight");
            assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void aMissingFile_isAClearError() {
        assertThatThrownBy(() -> TorchScript.load(FIXTURES.resolve("nope.pt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No TorchScript file at").hasMessageContaining("torch.jit.save");
    }
}
