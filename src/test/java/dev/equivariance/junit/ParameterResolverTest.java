package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.junit.scenarios.ResolverScenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The extension resolves only the parameters it provides; other resolvers keep theirs. */
class ParameterResolverTest {

    @BeforeEach
    void reset() {
        ResolverScenarios.SEEN.clear();
    }

    @Test
    void anotherResolversParameters_areResolvedByIt_inAudits_properties_andPlainTests() {
        EngineExecutionResults results = Engine.run(ResolverScenarios.WithAnotherResolver.class);
        results.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        assertThat(ResolverScenarios.SEEN).contains("audit PASS true label-2 audit(AuditReport, Clock, String, TestInfo)",
                "plain label-0 true");
        assertThat(ResolverScenarios.SEEN.stream().filter(s -> s.startsWith("property "))).hasSize(6)
                .allSatisfy(s -> assertThat(s).isEqualTo("property true label-3 (2, 6, 3)"));
    }

    @Test
    void aParameterNobodyResolves_getsJUnitsOwnError_notANull() {
        Throwable t = Engine.failure(Engine.run(ResolverScenarios.NobodyResolves.class));
        assertThat(t).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("No ParameterResolver registered for parameter [java.lang.StringBuilder notMine]");
        assertThat(ResolverScenarios.SEEN).isEmpty();
    }

    @Test
    void aReportInAProperty_isAClearResolutionError() {
        Throwable t = Engine.failure(Engine.run(ResolverScenarios.ReportInAProperty.class));
        assertThat(t).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("ReportInAProperty.property(): Parameter 'report': a property method");
    }
}
