package dev.equivariance.junit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.group.Permutation;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.junit.Trial;
import dev.equivariance.models.DeepSets;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicInteger;

/** A team's own annotations composed from the extension's, run through the JUnit engine by {@code ComposedTest}. */
public final class ComposedScenarios {

    private ComposedScenarios() {
    }

    /** Counts the bodies that ran. */
    public static final AtomicInteger BODIES = new AtomicInteger();

    /** The team's annotation: "the order of a set's elements does not matter". */
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3}, trials = 24, seed = "5")
    public @interface OrderFree {
    }

    /** Composed twice: an annotation carrying {@link OrderFree}. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @OrderFree
    public @interface SetModelContract {
    }

    /** The team's annotation for rotating point clouds. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @EquivariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 8, seed = "3")
    public @interface PermutesWithItsInput {
    }

    /** The team's model supplier annotation. */
    @Target({ElementType.METHOD, ElementType.FIELD})
    @Retention(RetentionPolicy.RUNTIME)
    @ModelUnderTest
    public @interface SetModel {
    }

    public static class Good {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(16);
        }

        @OrderFree
        void orderOfElementsDoesNotMatter(AuditReport report) {
            BODIES.incrementAndGet();
            assertThat(report.verdict()).isEqualTo(Verdict.PASS);
            assertThat(report.symmetry()).isEqualTo("S(10)");
        }
    }

    /** A positional embedding breaks the contract: the composed annotation must fail the test, not skip the audit. */
    public static class Broken {
        @SetModel
        static Block model() {
            return DeepSets.withPositionalEmbedding(16);
        }

        @OrderFree
        void orderOfElementsDoesNotMatter() {
            BODIES.incrementAndGet();
        }
    }

    public static class BrokenTwoLevelsDeep {
        @ModelUnderTest
        static Block model() {
            return DeepSets.withPositionalEmbedding(16);
        }

        @SetModelContract
        void orderOfElementsDoesNotMatter() {
            BODIES.incrementAndGet();
        }
    }

    /** A property written under a composed annotation. */
    public static class Property {
        @ModelUnderTest
        static Block model() {
            return new ai.djl.nn.LambdaBlock(list -> list, "identity");
        }

        @PermutesWithItsInput
        void permutesWithItsInput(Permutation g, NDArray x, Trial trial) {
            BODIES.incrementAndGet();
            trial.assertClose(trial.forward(trial.actOnInput(x)), trial.actOnOutput(trial.forward(x)));
        }
    }

    /** Both annotations, one through a composed annotation: a configuration error. */
    public static class Both {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @OrderFree
        @EquivariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3})
        void audit() {
        }
    }
}
