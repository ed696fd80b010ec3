package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.AuditException;
import dev.equivariance.junit.scenarios.BackendErrorScenarios;
import dev.equivariance.tensor.ModelClosedException;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Engine errors reach the user as their cause and fix, with the engine's message kept as the cause. */
class BackendErrorsTest {

    @Test
    void anOutputWhoseShapeChangesBetweenCalls_isExplained() {
        Throwable t = Engine.failure(Engine.run(BackendErrorScenarios.ShapeChangesBetweenCalls.class));
        assertThat(t).isInstanceOf(AuditException.class)
                .hasMessageStartingWith("ShapeChangesBetweenCalls.audit(): Output #0 of the model has shape [2, 5, 3]")
                .hasMessageContaining("but shape [2, 6, 3] for the input itself: its shape changed between calls")
                .hasMessageContaining("state kept between calls");
        assertThat(t.getMessage()).doesNotContain("is invalid for input of size");
    }

    @Test
    void aBooleanOutput_isExplainedWithTheFix() {
        Throwable t = Engine.failure(Engine.run(BackendErrorScenarios.BooleanOutput.class));
        assertThat(t).isInstanceOf(AuditException.class)
                .hasMessageStartingWith("BooleanOutput.audit(): Output #0 of the model (shape [2, 6, 3]) is boolean, not "
                        + "floating point.")
                .hasMessageContaining("Audit the floating-point output the model computes before it (logits, scores)")
                .hasMessageContaining("output.toType(DataType.FLOAT32, false)");
    }

    @Test
    void anIntegerOutput_isExplainedWithTheFix() {
        Throwable t = Engine.failure(Engine.run(BackendErrorScenarios.IntegerOutput.class));
        assertThat(t).isInstanceOf(AuditException.class)
                .hasMessageStartingWith("IntegerOutput.audit(): Output #0 of the model (shape [2]) is int64, not "
                        + "floating point.");
    }

    @Test
    void aBlockWhoseManagerWasClosed_saysWhatIsClosedAndHowToKeepItOpen() {
        Throwable t = Engine.failure(Engine.run(BackendErrorScenarios.ClosedBlock.class));
        assertThat(t).isInstanceOf(AuditException.class).hasCauseInstanceOf(ModelClosedException.class)
                .hasMessageStartingWith("ClosedBlock.audit(): The model SequentialBlock is closed (parameter "
                        + "01Linear_weight is released: the NDManager it was initialised in is closed)")
                .hasMessageContaining("no try-with-resources around it");
    }

    @Test
    void aClosedModel_saysSo() {
        Throwable t = Engine.failure(Engine.run(BackendErrorScenarios.ClosedModel.class));
        assertThat(t).hasCauseInstanceOf(ModelClosedException.class).hasMessageStartingWith(
                "ClosedModel.audit(): The model deepsets is closed (the DJL Model's NDManager is closed)");
    }

    @Test
    void aModelClosedByAnEarlierTest_failsTheNextOneWithTheReason() {
        EngineExecutionResults results = Engine.run(BackendErrorScenarios.ClosedByAnEarlierTest.class);
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        Throwable t = Engine.failure(results);
        assertThat(t).hasMessageStartingWith("ClosedByAnEarlierTest.b_findsItClosed(): The model ")
                .hasMessageContaining(" is closed (")
                .hasMessageContaining("no test closes the class's model");
    }
}
