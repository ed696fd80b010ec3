package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.equivariance.junit.scenarios.PropertyScenarios;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class PropertyTest {

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    private static Throwable failure(Class<?> testClass) {
        List<Event> failed = run(testClass).testEvents().failed().list();
        assertThat(failed).hasSize(1);
        return failed.get(0).getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
    }

    @Test
    void aPassingProperty_runsOncePerTrialWithResolvedParameters_andIsOneTestResult() {
        PropertyScenarios.SEEN.clear();
        EngineExecutionResults results = run(PropertyScenarios.Passing.class);
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(PropertyScenarios.SEEN).hasSize(16);
        assertThat(PropertyScenarios.SEEN.get(0)).startsWith("Permutation[0 1 2 3 4 5] (2, 6, 3)");
        assertThat(PropertyScenarios.SEEN).allSatisfy(s -> assertThat(s).endsWith("orderDoesNotMatter(Permutation, "
                + "NDArray, Trial, TestInfo)"));
        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("equivariance.property.trials", "16")
                .containsEntry("equivariance.property.edgeCases", "6"));
    }

    @Test
    void aFailingProperty_isShrunkAndReportedWithTheSmallestElementAndSeed() {
        Throwable t = failure(PropertyScenarios.Failing.class);
        assertThat(t.getMessage())
                .contains("Failing.orderDoesNotMatter() failed under S(6)")
                .contains("replay: -Dequivariance.seed=2")
                .containsPattern("Smallest failing element: Permutation\\[(1 0 2 3 4 5|0 2 1 3 4 5)\\]")
                .contains("Shrunk from: Permutation[")
                .contains("not equivariant for g = ");
        assertThat(t.getCause()).isInstanceOf(AssertionError.class);
    }

    @Test
    void aPropertyThatFailsOnlyNowAndThen_isReportedAsNondeterministic() {
        Throwable t = failure(PropertyScenarios.FailsNowAndThen.class);
        assertThat(t.getMessage()).contains("Nondeterministic model").doesNotContain("Smallest failing element");
    }

    @Test
    void aParameterOfTheWrongElementType_isAClearConfigurationError() {
        Throwable t = failure(PropertyScenarios.WrongElementType.class);
        assertThat(t.getMessage()).contains("WrongElementType.orderDoesNotMatter()")
                .contains("has type Rotation but the elements of S(6) are Permutations");
    }
}
