package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.junit.scenarios.DeepSetsScenarios;
import dev.equivariance.junit.scenarios.PropertyScenarios;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Every setting is a JUnit configuration parameter (junit-platform.properties, Surefire's configurationParameters) and
 * a system property; each audit's summary is printed, which is what Surefire keeps in its XML report.
 */
class SettingsTest {

    private static List<String> summaryLines(String out) {
        return out.lines().filter(l -> l.startsWith("[equivariance] ")).toList();
    }

    @Test
    void theSeedIsAConfigurationParameter_andOverridesTheDeclaredOne() {
        EngineExecutionResults results = Engine.run(DeepSetsScenarios.Good.class, "equivariance.seed", "77");
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(Engine.entries(results)).anySatisfy(e -> assertThat(e).containsEntry("equivariance.seed", "77")
                .containsEntry("equivariance.replay", "mvn test -Dtest='DeepSetsScenarios$Good#"
                        + "orderOfElementsDoesNotMatter' -Dequivariance.seed=77"));
    }

    @Test
    void theSeedParameter_replaysAProperty() {
        PropertyScenarios.SEEN.clear();
        EngineExecutionResults results = Engine.run(PropertyScenarios.Passing.class, "equivariance.seed", "0x10");
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(Engine.entries(results)).anySatisfy(e -> assertThat(e).containsEntry("equivariance.seed", "16"));
    }

    @Test
    void byDefault_everyAuditPrintsOneSummaryLine_withVerdictLevelErrorSeedAndReplay() {
        Engine.Printed<EngineExecutionResults> run = Engine.capture(() -> Engine.run(DeepSetsScenarios.Good.class,
                "equivariance.report.print", "failures"));
        assertThat(summaryLines(run.out())).singleElement().asString().matches(
                "\\[equivariance] Good\\.orderOfElementsDoesNotMatter\\(\\): PASS, level (EXACT|EXCELLENT), max "
                        + "relative error [0-9.e+-]+, seed 5 \\(replay: mvn test -Dtest='DeepSetsScenarios\\$Good#"
                        + "orderOfElementsDoesNotMatter' -Dequivariance.seed=5\\)");
        assertThat(run.out()).as("a passing report is not printed in full").doesNotContain("OVERALL VERDICT");
        Map<String, String> entry = Engine.entries(run.result()).stream()
                .filter(e -> e.containsKey("equivariance.verdict")).findFirst().orElseThrow();
        assertThat(entry).containsKeys("equivariance.level", "equivariance.maxRelativeError", "equivariance.seed",
                "equivariance.replay", "equivariance.summary", "equivariance.report");
    }

    @Test
    void aFailingAuditPrintsItsSummaryAndReport() {
        String out = Engine.capture(() -> Engine.run(DeepSetsScenarios.Broken.class, "equivariance.report.print",
                "failures")).out();
        assertThat(summaryLines(out)).singleElement().asString().startsWith(
                "[equivariance] Broken.orderOfElementsDoesNotMatter(): FAIL, level BROKEN, max relative error ");
        assertThat(out).contains("OVERALL VERDICT: FAIL");
    }

    @Test
    void printAlways_printsEveryReport_andNever_printsNothing() {
        assertThat(Engine.capture(() -> Engine.run(DeepSetsScenarios.Good.class, "equivariance.report.print",
                "always")).out()).contains("[equivariance] Good.orderOfElementsDoesNotMatter(): PASS")
                .contains("OVERALL VERDICT: PASS");
        assertThat(Engine.capture(() -> Engine.run(DeepSetsScenarios.Good.class, "equivariance.report.print",
                "never")).out()).doesNotContain("[equivariance]").doesNotContain("OVERALL VERDICT");
    }

    @Test
    void aProperty_printsItsSummaryLine() {
        PropertyScenarios.SEEN.clear();
        String out = Engine.capture(() -> Engine.run(PropertyScenarios.Passing.class, "equivariance.report.print",
                "failures")).out();
        assertThat(summaryLines(out)).singleElement().asString().isEqualTo("[equivariance] Passing.orderDoesNotMatter():"
                + " property held for 16 trials (6 edge cases), seed 2 (replay: mvn test "
                + "-Dtest='PropertyScenarios$Passing#orderDoesNotMatter' -Dequivariance.seed=2)");
    }

    @Test
    void systemPropertiesAreStillHonoured() {
        String key = "equivariance.report.print";
        String before = System.getProperty(key);
        System.setProperty(key, "always");
        try {
            // no configuration parameter: the system property decides
            String out = Engine.capture(() -> org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                    .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
                            DeepSetsScenarios.Good.class))
                    .configurationParameter("equivariance.report.files", "false").execute()).out();
            assertThat(out).contains("OVERALL VERDICT: PASS");
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
