package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.equivariance.junit.scenarios.BadInputScenarios;
import dev.equivariance.junit.scenarios.DeepSetsScenarios;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class EquivarianceExtensionTest {

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    private static String failureMessage(Class<?> testClass) {
        return failure(testClass).getMessage();
    }

    private static Throwable failure(Class<?> testClass) {
        EngineExecutionResults results = run(testClass);
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).as("failed tests of " + testClass.getSimpleName()).hasSize(1);
        Optional<Throwable> thrown = failed.get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable);
        assertThat(thrown).isPresent();
        return thrown.get();
    }

    /** The message of a misconfiguration: an ExtensionConfigurationException. */
    private static String misconfiguration(Class<?> testClass) {
        Throwable t = failure(testClass);
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class);
        return t.getMessage();
    }

    @Test
    void whenModelIsInvariant_testPassesAndBodyGetsTheReport() {
        EngineExecutionResults results = run(DeepSetsScenarios.Good.class);
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    @Test
    void whenModelIsBroken_testFailsWithTheAuditReport() {
        String message = failureMessage(DeepSetsScenarios.Broken.class);
        assertThat(message)
                .contains("Broken.orderOfElementsDoesNotMatter() is not invariant under S(10)")
                .contains("MODEL EQUIVARIANCE AUDIT REPORT")
                .contains("RESULT: FAIL")
                .contains("Smallest failing element: Permutation[")
                .contains("Seed:               5")
                .contains("-Dequivariance.seed=5")
                .contains("OVERALL VERDICT: FAIL");
    }

    @Test
    void reportIsPublishedToTheJUnitReport() {
        EngineExecutionResults results = run(DeepSetsScenarios.Good.class);
        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished().list().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e).containsEntry("equivariance.verdict", "PASS");
            assertThat(e.get("equivariance.report")).contains("OVERALL VERDICT: PASS");
        });
    }

    @Test
    void whenGroupIsUnknown_messageNamesMethodAndKnownGroups() {
        assertThat(misconfiguration(BadInputScenarios.UnknownGroup.class))
                .contains("UnknownGroup.audit(): @InvariantUnder(group = \"SU(2)\"): Unknown group 'SU(2)'")
                .contains("SO(3)");
    }

    @Test
    void whenNoModelIsSupplied_messageSaysHowToSupplyOne() {
        assertThat(misconfiguration(BadInputScenarios.NoModel.class))
                .contains("NoModel.audit(): @InvariantUnder(model = \"\"): No model supplied")
                .contains("@ModelUnderTest");
    }

    @Test
    void whenAxisIsOutOfRange_messageNamesAxisAndRank() {
        assertThat(misconfiguration(BadInputScenarios.AxisOutOfRange.class))
                .contains("AxisOutOfRange.audit(): @InvariantUnder(input = \"permute(axis=5)\", inputShape = {2, 5, 3})")
                .contains("axis 5 is out of range").contains("rank 3");
    }

    @Test
    void whenRot90AxesAreNotSquare_messageAsksForSquareInputs() {
        assertThat(misconfiguration(BadInputScenarios.Rot90OnNonSquareAxes.class))
                .contains("quarter turns need a square grid").contains("sizes 4 and 5");
    }

    @Test
    void whenVectorAxisHasSize4_messageSaysTheGroupActsOn3Vectors() {
        assertThat(misconfiguration(BadInputScenarios.VectorActionOnAxisOfSize4.class))
                .contains("acts on 3-vectors").contains("has size 4");
    }

    @Test
    void whenModelReturnsNaN_messageSaysSoAndAsksToFixNumerics() {
        assertThat(failureMessage(BadInputScenarios.NanOutput.class))
                .contains("NaN or Inf").contains("Fix the model's numerics");
    }

    @Test
    void whenModelThrows_messageNamesTheExceptionAndShapes() {
        assertThat(failureMessage(BadInputScenarios.ModelThrows.class))
                .contains("The model threw").contains("expected 4 channels, got 3").contains("[2, 5, 3]");
    }

    @Test
    void modelIsCreatedOncePerClassAndClosedAfterIt() {
        BadInputScenarios.CLOSED.set(0);
        EngineExecutionResults results = run(BadInputScenarios.ClosedAfterClass.class);
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        assertThat(BadInputScenarios.CLOSED.get()).isEqualTo(1);
    }

    @Test
    void aLaterAuditInFloat64_runsTheSameModelsFloat64Twin() {
        run(DeepSetsScenarios.TwoDtypes.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }
}
