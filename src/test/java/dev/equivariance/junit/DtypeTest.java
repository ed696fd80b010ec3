package dev.equivariance.junit;

import dev.equivariance.junit.scenarios.DtypeScenarios;
import org.junit.jupiter.api.Test;

/** A dtype declared by one test does not leak into the next test of the class, in either order. */
class DtypeTest {

    @Test
    void aFloat64TestFirst_doesNotTurnTheNextTestIntoFloat64() {
        Engine.run(DtypeScenarios.Float64First.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void aDefaultTestFirst_doesNotKeepTheNextTestFromFloat64() {
        Engine.run(DtypeScenarios.DefaultFirst.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void whenEveryTestDeclaresOneDtype_theModelIsBuiltInIt() {
        Engine.run(DtypeScenarios.AllFloat64.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }
}
