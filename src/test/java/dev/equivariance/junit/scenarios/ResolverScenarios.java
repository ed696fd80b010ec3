package dev.equivariance.junit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.group.Permutation;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.junit.Trial;
import dev.equivariance.models.DeepSets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension next to another parameter resolver, run through the JUnit engine by {@code ParameterResolverTest}. */
public final class ResolverScenarios {

    private ResolverScenarios() {
    }

    /** What the bodies saw. */
    public static final List<String> SEEN = new CopyOnWriteArrayList<>();

    /** Another team's resolver: a fixed clock and a label string (as a mocking extension would resolve mocks). */
    public static final class ClockAndLabelResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            Class<?> t = p.getParameter().getType();
            return t == Clock.class || t == String.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == Clock.class ? Clock.systemUTC() : "label-" + p.getIndex();
        }
    }

    @EquivarianceTest
    @ExtendWith(ClockAndLabelResolver.class)
    public static class WithAnotherResolver {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "1")
        void audit(AuditReport report, Clock clock, String label, TestInfo info) {
            SEEN.add("audit " + report.verdict() + " " + (clock != null) + " " + label + " " + info.getDisplayName());
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "1")
        void property(Clock clock, Permutation g, NDArray x, String label, Trial trial) {
            SEEN.add("property " + (clock != null) + " " + label + " " + x.getShape());
            trial.assertClose(trial.forward(trial.actOnInput(x)), trial.forward(x));
        }

        @Test
        void plainTest(String label, Clock clock) {
            SEEN.add("plain " + label + " " + (clock != null));
        }
    }

    /** A parameter nobody resolves: JUnit's own error, not a null from this extension. */
    public static class NobodyResolves {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6)
        void audit(AuditReport report, StringBuilder notMine) {
            SEEN.add("ran with " + notMine);
        }
    }

    /** A property that asks for the report: the extension says why it has none. */
    public static class ReportInAProperty {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6)
        void property(NDArray x, AuditReport report) {
            assertThat(report).isNotNull();
        }
    }
}
