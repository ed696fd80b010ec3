package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.junit.scenarios.MisconfiguredScenarios;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Misconfiguration is an {@link ExtensionConfigurationException} naming the method, the annotation and the attribute
 * with its value; settings that make an audit meaningless are warnings in its report.
 */
class MisconfigurationTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> misconfigured(Class<?> scenario, String... params) {
        Throwable t = Engine.failure(Engine.run(scenario, params));
        return assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith(scenario.getSimpleName() + ".");
    }

    @Test
    void anUnknownLayerInLayerActions_listsTheModelsLayers() {
        misconfigured(MisconfiguredScenarios.UnknownLayer.class).hasMessageStartingWith("UnknownLayer.audit(): "
                + "@InvariantUnder(layerActions = {\"01Linear=permute(axis=1)\", \"07Conv2d=trivial\"}): no layer "
                + "named '07Conv2d' in UnknownLayer.model (SequentialBlock)")
                .hasMessageEndingWith("Its layers, in network order: 01Linear, 02LambdaBlock, 03Linear, 04LambdaBlock, "
                        + "05Linear, 06LambdaBlock, 07Linear");
    }

    @Test
    void anUnknownLayerOfATorchScriptModule_listsTheLayersItExports() {
        misconfigured(MisconfiguredScenarios.UnknownTorchScriptLayer.class)
                .hasMessageContaining("@EquivariantUnder(layerActions = {\"gate1=vector\", \"gate3=vector\"}): no "
                        + "layer named 'gate3' in UnknownTorchScriptLayer.model")
                .hasMessageEndingWith("Its layers, in network order: gate1, mix, gate2");
    }

    @Test
    void aMalformedLayerAction_saysHowToWriteOne() {
        misconfigured(MisconfiguredScenarios.MalformedLayerAction.class)
                .hasMessageContaining("@InvariantUnder(layerActions = {\"01Linear\"}): malformed layer action")
                .hasMessageContaining("\"layerName=action\"");
    }

    @Test
    void attributesThatDoNotParse_areNamedWithTheirValues() {
        misconfigured(MisconfiguredScenarios.UnknownAction.class)
                .hasMessageContaining("@InvariantUnder(input = \"shuffle(axis=1)\"): Unknown action 'shuffle(axis=1)'")
                .hasMessageContaining("Known actions: trivial, permute(axis=i)");
        misconfigured(MisconfiguredScenarios.NegativeTolerance.class)
                .hasMessageContaining("@InvariantUnder(tolerance = -1.0): tolerance must be a positive number");
        misconfigured(MisconfiguredScenarios.BadSeed.class)
                .hasMessageContaining("@InvariantUnder(seed = \"forty-two\"): the seed must be a number");
        misconfigured(MisconfiguredScenarios.BadDtype.class)
                .hasMessageContaining("@InvariantUnder(dtype = \"int8\"): Unknown dtype 'int8'");
        misconfigured(MisconfiguredScenarios.BadDevice.class)
                .hasMessageContaining("@InvariantUnder(device = \"tpu\"): Unknown device 'tpu'");
        misconfigured(MisconfiguredScenarios.NoTrials.class)
                .hasMessageContaining("@InvariantUnder(trials = 0): trials must be at least 1");
        misconfigured(MisconfiguredScenarios.UndeclaredSize.class)
                .hasMessageContaining("@InvariantUnder(inputShapes = {\"2,n,3\"}): Input shape '2,n,3' uses the size "
                        + "'n' but no range is declared for it");
    }

    @Test
    void contradictingOrMissingAttributes_areNamed() {
        misconfigured(MisconfiguredScenarios.InputAndInputs.class).hasMessageContaining(
                "@InvariantUnder(input = \"permute(axis=1)\", inputs = {\"permute(axis=1)\"}): give either input or "
                        + "inputs, not both");
        misconfigured(MisconfiguredScenarios.ShapesDoNotMatchInputs.class)
                .hasMessageContaining("inputShapes = {\"2,6,3\"}): 2 input action(s) but 1 input shape(s)");
        misconfigured(MisconfiguredScenarios.NoOutputForTwoInputs.class)
                .hasMessageContaining("@EquivariantUnder(outputs = {}): no output action");
    }

    @Test
    void modelAndSpecSuppliers_areNamed() {
        misconfigured(MisconfiguredScenarios.UnknownModelName.class).hasMessageContaining(
                "@InvariantUnder(model = \"resnet\"): No @ModelUnderTest named 'resnet' in UnknownModelName; "
                        + "available: model");
        misconfigured(MisconfiguredScenarios.MissingSpecMethod.class).hasMessageContaining(
                "@InvariantUnder(spec = \"noSuchSpec\"): no static no-argument method 'noSuchSpec'");
        misconfigured(MisconfiguredScenarios.SpecMethodNotStatic.class).hasMessageContaining(
                "@InvariantUnder(spec = \"instanceSpec\"): the spec method instanceSpec must be static");
    }

    @Test
    void aDtypeTheClassModelCannotReach_saysWhy_andTheOtherTestRunsInItsOwn() {
        EngineExecutionResults results = Engine.run(MisconfiguredScenarios.UnreachableDtype.class);
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertThat(Engine.failure(results)).isInstanceOf(ExtensionConfigurationException.class).hasMessage(
                "UnreachableDtype.inHalfPrecision(): @InvariantUnder(dtype = \"float16\"): the class's model "
                        + "UnreachableDtype.model runs in float32 (its own dtype, since the tests of the class using it "
                        + "declare different ones: none, float16) and can only be converted to float64, so this test "
                        + "cannot run in float16. Give it its own @ModelUnderTest built in float16 and select it with "
                        + "model = \"...\"");
    }

    @Test
    void misspeltSettings_areConfigurationErrorsNamingTheParameter() {
        misconfigured(MisconfiguredScenarios.Plain.class, "equivariance.report.print", "loud").hasMessage(
                "Plain.audit(): Configuration parameter equivariance.report.print = 'loud': use failures (the default), always or "
                        + "never");
        assertThat(Engine.failure(Engine.run(MisconfiguredScenarios.Plain.class, "equivariance.seed", "x1")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("Plain.audit(): Configuration parameter equivariance.seed = 'x1': the seed must be a number");
    }

    @Test
    void aToleranceOfOneOrMore_passesWithAWarningInTheReport() {
        EngineExecutionResults results = Engine.run(MisconfiguredScenarios.HugeTolerance.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        Map<String, String> entry = reportEntry(Engine.entries(results));
        assertThat(entry.get("equivariance.warning")).startsWith("Warning: tolerance = 5.0 is not below 1")
                .contains("this audit cannot fail for a broken model");
        assertThat(entry.get("equivariance.report")).contains("Warning: tolerance = 5.0 is not below 1");
    }

    @Test
    void aToleranceBelowTheDtypesPrecision_warnsThatRoundOffAloneFails() {
        EngineExecutionResults results = Engine.run(MisconfiguredScenarios.TinyTolerance.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(reportEntry(Engine.entries(results)).get("equivariance.report"))
                .contains("Warning: tolerance = 1.0E-30 is not above float32 precision (1.2e-07)");
    }

    private static Map<String, String> reportEntry(List<Map<String, String>> entries) {
        return entries.stream().filter(e -> e.containsKey("equivariance.report")).findFirst().orElseThrow();
    }
}
