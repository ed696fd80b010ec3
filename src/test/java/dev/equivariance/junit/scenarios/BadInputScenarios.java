package dev.equivariance.junit.scenarios;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.DeepSets;
import java.util.concurrent.atomic.AtomicInteger;

/** Misconfigured and misbehaving audits; each must fail with a message naming the method, cause and fix. */
public final class BadInputScenarios {

    private BadInputScenarios() {
    }

    /** Counts closes of {@link ClosedAfterClass}'s model. */
    public static final AtomicInteger CLOSED = new AtomicInteger();

    public static class UnknownGroup {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "SU(2)", input = "permute(axis=1)", inputShape = {2, 5, 3})
        void audit() {
        }
    }

    public static class NoModel {
        @InvariantUnder(group = "S(5)", input = "permute(axis=1)", inputShape = {2, 5, 3})
        void audit() {
        }
    }

    public static class AxisOutOfRange {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }

        @InvariantUnder(group = "S(5)", input = "permute(axis=5)", inputShape = {2, 5, 3})
        void audit() {
        }
    }

    public static class Rot90OnNonSquareAxes {
        @ModelUnderTest
        static Block model() {
            return new LambdaBlock(list -> list, "identity");
        }

        @EquivariantUnder(group = "C4", input = "rot90(axes=(2,3))", inputShape = {1, 1, 4, 5})
        void audit() {
        }
    }

    public static class VectorActionOnAxisOfSize4 {
        @ModelUnderTest
        static Block model() {
            return new LambdaBlock(list -> list, "identity");
        }

        @EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 5, 4})
        void audit() {
        }
    }

    public static class NanOutput {
        @ModelUnderTest
        static Block model() {
            return new LambdaBlock(list -> {
                NDArray x = list.singletonOrThrow();
                return new NDList(x.mul(0).div(0));
            }, "zeroOverZero");
        }

        @EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 5, 3})
        void audit() {
        }
    }

    public static class ModelThrows {
        @ModelUnderTest
        static Block model() {
            return new LambdaBlock(list -> {
                throw new IllegalStateException("expected 4 channels, got 3");
            }, "throwing");
        }

        @EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 5, 3})
        void audit() {
        }
    }

    public static class ClosedAfterClass {
        @ModelUnderTest
        static AutoCloseableIdentity model() {
            return new AutoCloseableIdentity();
        }

        @EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 5, 3}, trials = 4, samples = 1)
        void first() {
        }

        @EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 5, 3}, trials = 4, samples = 1)
        void second() {
        }
    }

    /** An identity block that records being closed (a DJL Model is closed the same way). */
    public static final class AutoCloseableIdentity extends LambdaBlock implements AutoCloseable {
        public AutoCloseableIdentity() {
            super(list -> list, "identity");
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }
}
