package dev.equivariance.junit.scenarios;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** A slow model (each forward pass takes 250 ms), so that its audit runs long enough to report progress. */
public final class ProgressScenarios {

    private ProgressScenarios() {
    }

    /** The sum over the points of a set, computed slowly: invariant under permutations. */
    @EquivarianceTest
    public static class SlowModel {
        @ModelUnderTest
        static Block model() {
            return new LambdaBlock(in -> {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new NDList(in.singletonOrThrow().sum(new int[] {1}));
            }, "slowSum");
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 5, 3}, samples = 12, trials = 12,
                        seed = "1")
        void slowSumIsInvariant() {
        }
    }
}
