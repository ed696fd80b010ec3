package dev.equivariance.junit.scenarios;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.DeepSets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real DJL models that make the engine throw, run by {@code BackendErrorsTest}: each must fail with the cause and
 * the fix, not the engine's own error.
 */
public final class BackendErrorScenarios {

    private BackendErrorScenarios() {
    }

    /** The model's first output keeps the input's shape; every later one drops a point (state kept between calls). */
    public static class ShapeChangesBetweenCalls {
        static final AtomicInteger CALLS = new AtomicInteger();

        @ModelUnderTest
        static Block model() {
            CALLS.set(0);
            return new LambdaBlock(list -> {
                NDArray x = list.singletonOrThrow();
                return new NDList(CALLS.incrementAndGet() == 1 ? x : x.get(":, :-1"));
            }, "cachesItsFirstShape");
        }

        @EquivariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 16)
        void audit() {
        }
    }

    /** A thresholded output: a boolean mask. */
    public static class BooleanOutput {
        @ModelUnderTest
        static Block model() {
            return new LambdaBlock(list -> new NDList(list.singletonOrThrow().gt(0)), "positiveMask");
        }

        @EquivariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 8)
        void audit() {
        }
    }

    /** An integer output: a class index. */
    public static class IntegerOutput {
        @ModelUnderTest
        static Block model() {
            return new LambdaBlock(list -> new NDList(list.singletonOrThrow().sum(new int[] {1}).argMax(1)), "argmax");
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 8)
        void audit() {
        }
    }

    /** A block initialised in a manager that the supplier closed (try-with-resources around the model). */
    public static class ClosedBlock {
        @ModelUnderTest
        static Block model() {
            Block block = DeepSets.build(8);
            try (NDManager manager = NDManager.newBaseManager()) {
                block.initialize(manager, DataType.FLOAT32, new Shape(2, 6, 3));
            }
            return block;
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 8)
        void audit() {
        }
    }

    /** A DJL Model closed by its supplier. */
    public static class ClosedModel {
        @ModelUnderTest
        static Model model() {
            try (Model model = Model.newInstance("deepsets")) {
                model.setBlock(DeepSets.build(8));
                model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(2, 6, 3));
                return model;
            }
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 8)
        void audit() {
        }
    }

    /** The first test closes the class's model; the second then finds it closed. */
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class ClosedByAnEarlierTest {
        static Model model;

        @ModelUnderTest
        static Model model() {
            model = Model.newInstance("deepsets");
            model.setBlock(DeepSets.build(8));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(2, 6, 3));
            return model;
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 4)
        void a_closesTheModel() {
            model.close();
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 4)
        void b_findsItClosed() {
        }
    }
}
