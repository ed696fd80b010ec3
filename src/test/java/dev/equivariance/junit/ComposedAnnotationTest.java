package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.junit.scenarios.ComposedScenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Annotations are found as JUnit finds its own: through a team's composed annotations too. */
class ComposedAnnotationTest {

    @BeforeEach
    void reset() {
        ComposedScenarios.BODIES.set(0);
    }

    @Test
    void aComposedAnnotation_runsTheAudit_andTheBodyGetsTheReport() {
        EngineExecutionResults results = Engine.run(ComposedScenarios.Good.class);
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(ComposedScenarios.BODIES).hasValue(1);
        assertThat(Engine.entries(results)).anySatisfy(e -> assertThat(e).containsEntry("equivariance.verdict", "PASS")
                .containsEntry("equivariance.seed", "5"));
    }

    @Test
    void aComposedAnnotationOnABrokenModel_failsTheTestWithTheReport() {
        EngineExecutionResults results = Engine.run(ComposedScenarios.Broken.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        assertThat(Engine.failure(results).getMessage())
                .contains("Broken.orderOfElementsDoesNotMatter() is not invariant under S(10)")
                .contains("Smallest failing element: Permutation[")
                .contains("OVERALL VERDICT: FAIL");
        assertThat(ComposedScenarios.BODIES).as("the body does not run after a failing audit").hasValue(0);
    }

    @Test
    void anAnnotationComposedTwoLevelsDeep_stillRunsTheAudit() {
        EngineExecutionResults results = Engine.run(ComposedScenarios.BrokenTwoLevelsDeep.class);
        assertThat(Engine.failure(results).getMessage()).contains("is not invariant under S(10)");
    }

    @Test
    void aPropertyUnderAComposedAnnotation_runsOncePerTrial() {
        Engine.run(ComposedScenarios.Property.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(ComposedScenarios.BODIES).hasValue(8);
    }

    @Test
    void bothAnnotations_oneOfThemComposed_isAConfigurationError() {
        Throwable t = Engine.failure(Engine.run(ComposedScenarios.Both.class));
        assertThat(t).isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("Both.audit()")
                .hasMessageContaining("@EquivariantUnder and @OrderFree (a composed @InvariantUnder) are both declared");
    }
}
