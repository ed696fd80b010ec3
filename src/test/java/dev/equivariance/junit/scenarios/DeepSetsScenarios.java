package dev.equivariance.junit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.DeepSets;

/** Test classes run through the JUnit engine by the extension's own tests (not by Surefire directly). */
public final class DeepSetsScenarios {

    private DeepSetsScenarios() {
    }

    /** An invariant model: the audit passes and the body receives the report. */
    @EquivarianceTest
    public static class Good {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(16);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3}, trials = 24, seed = "5")
        void orderOfElementsDoesNotMatter(AuditReport report) {
            assertThat(report.verdict()).isEqualTo(Verdict.PASS);
            assertThat(report.symmetry()).isEqualTo("S(10)");
        }
    }

    /** A positional embedding breaks permutation invariance: the test fails with the report. */
    @EquivarianceTest
    public static class Broken {
        @ModelUnderTest
        static Block model() {
            return DeepSets.withPositionalEmbedding(16);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3}, trials = 24, seed = "5")
        void orderOfElementsDoesNotMatter() {
        }
    }

    /** Two audits of one model in two dtypes: the second runs the model's float64 twin. */
    @EquivarianceTest
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    public static class TwoDtypes {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 8, seed = "1")
        void a_inFloat32(AuditReport report) {
            assertThat(report.environment().dtype()).isEqualTo("float32");
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 8, seed = "1",
                dtype = "float64")
        void b_inFloat64(AuditReport report) {
            assertThat(report.environment().dtype()).isEqualTo("float64");
            assertThat(report.endToEnd().maxRelative()).isLessThan(1e-12);
        }
    }
}
