package dev.equivariance.junit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.equivariance.group.Permutation;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.junit.Trial;
import dev.equivariance.models.DeepSets;
import dev.equivariance.models.ShrinkTargets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.TestInfo;

/** User-written properties run through the JUnit engine by {@code PropertyTest}. */
public final class PropertyScenarios {

    private PropertyScenarios() {
    }

    /** What the passing property saw: one entry per invocation. */
    public static final List<String> SEEN = new ArrayList<>();

    public static class Passing {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 16, seed = "2")
        void orderDoesNotMatter(Permutation g, NDArray x, Trial trial, TestInfo info) {
            SEEN.add(g + " " + x.getShape() + " " + info.getDisplayName());
            assertThat(trial.element()).isSameAs(g);
            trial.assertClose(trial.forward(trial.actOnInput(x)), trial.forward(x));
        }
    }

    public static class Failing {
        @ModelUnderTest
        static Block model() {
            return DeepSets.withPositionalEmbedding(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 16, seed = "2",
                edgeCases = false)
        void orderDoesNotMatter(Permutation g, NDArray x, Trial trial) {
            trial.assertClose(trial.forward(trial.actOnInput(x)), trial.forward(x));
        }
    }

    public static class FailsNowAndThen {
        @ModelUnderTest
        static Block model() {
            return ShrinkTargets.failsEverySeventhCall();
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 16, seed = "2")
        void orderDoesNotMatter(Trial trial, NDArray x) {
            trial.assertClose(trial.forward(trial.actOnInput(x)), trial.forward(x));
        }
    }

    public static class WrongElementType {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3})
        void orderDoesNotMatter(dev.equivariance.group.Rotation g, NDArray x) {
        }
    }
}
