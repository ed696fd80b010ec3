package dev.equivariance.junit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.DeepSets;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One class model, tests in several dtypes, run in both orders by {@code DtypeTest}: each test runs in its own dtype,
 * whichever ran first.
 */
public final class DtypeScenarios {

    private DtypeScenarios() {
    }

    /** The tests of both orders. */
    public abstract static class Mixed {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        void inFloat64(AuditReport report) {
            assertThat(report.environment().dtype()).isEqualTo("float64");
            assertThat(report.endToEnd().maxRelative()).isLessThan(1e-12);
        }

        void inItsOwnDtype(AuditReport report) {
            assertThat(report.environment().dtype()).as("no dtype declared: the model's own").isEqualTo("float32");
        }
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class Float64First extends Mixed {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "1",
                dtype = "float64")
        void a(AuditReport report) {
            inFloat64(report);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "1")
        void b(AuditReport report) {
            inItsOwnDtype(report);
        }
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class DefaultFirst extends Mixed {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "1")
        void a(AuditReport report) {
            inItsOwnDtype(report);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "1",
                dtype = "float64")
        void b(AuditReport report) {
            inFloat64(report);
        }
    }

    /** Every test declares float64: the block is initialised in float64 itself (its layers can be audited). */
    public static class AllFloat64 {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "1",
                dtype = "float64", layers = true)
        void a(AuditReport report) {
            assertThat(report.environment().dtype()).isEqualTo("float64");
            assertThat(report.layers()).isNotEmpty();
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 6, seed = "2",
                dtype = "f64")
        void b(AuditReport report) {
            assertThat(report.environment().dtype()).isEqualTo("float64");
            assertThat(report.model()).doesNotContain("(float64)");
        }
    }
}
