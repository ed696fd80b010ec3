package dev.equivariance.junit.scenarios;

import ai.djl.nn.Block;
import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.backend.djl.TorchScriptModel;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.NormGateGraph;
import dev.equivariance.models.DeepSets;
import dev.equivariance.models.LayeredModels;
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Test classes with many audits each (end to end, layers, gradients; DJL blocks, TorchScript modules, a SameDiff
 * graph; good and broken models), run by the parallel-execution tests with JUnit's concurrent mode and sequentially.
 * Broken models fail their tests on purpose: what is compared is every audit's report.
 */
public final class ParallelScenarios {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private ParallelScenarios() {
    }

    /** DJL blocks (initialised by the auditor) and TorchScript modules, several audits per model. */
    @EquivarianceTest
    public static class DjlAndTorchScript {
        @ModelUnderTest("sets")
        static Block sets() {
            return LayeredModels.setNetwork(false);
        }

        @ModelUnderTest("brokenSets")
        static Block brokenSets() {
            return LayeredModels.setNetwork(true);
        }

        @ModelUnderTest("deepSets")
        static Block deepSets() {
            return DeepSets.build(16);
        }

        @ModelUnderTest("vectors")
        static TorchScriptModel vectors() {
            return TorchScript.load(FIXTURES.resolve("vector_net.pt"));
        }

        @ModelUnderTest("brokenVectors")
        static TorchScriptModel brokenVectors() {
            return TorchScript.load(FIXTURES.resolve("vector_net_biased_mix.pt"));
        }

        @ModelUnderTest("straightThrough")
        static TorchScriptModel straightThrough() {
            return TorchScript.load(FIXTURES.resolve("straight_through.pt"));
        }

        @EquivariantUnder(model = "sets", group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3},
                          trials = 16, seed = "1")
        void setsEndToEnd() {
        }

        @EquivariantUnder(model = "sets", group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3},
                          trials = 16, seed = "2", layers = true, gradients = true)
        void setsLayersAndGradients() {
        }

        @EquivariantUnder(model = "brokenSets", group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3},
                          trials = 16, seed = "3", gradients = true)
        void brokenSetsFail() {
        }

        @InvariantUnder(model = "deepSets", group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3},
                        trials = 24, seed = "5", gradients = true)
        void deepSetsInvariant() {
        }

        @EquivariantUnder(model = "vectors", group = "SO(3)", input = "vector", output = "vector",
                          inputShape = {2, 5, 3}, trials = 16, seed = "1", layers = true, gradients = true)
        void vectorsLayersAndGradients() {
        }

        @EquivariantUnder(model = "vectors", group = "SO(3)", input = "vector", output = "vector",
                          inputShape = {2, 5, 3}, trials = 32, seed = "4")
        void vectorsEndToEnd() {
        }

        @EquivariantUnder(model = "brokenVectors", group = "SO(3)", input = "vector", output = "vector",
                          inputShape = {2, 5, 3}, trials = 16, seed = "1", gradients = true)
        void brokenVectorsFail() {
        }

        @InvariantUnder(model = "straightThrough", group = "S(n)", input = "permute(axis=1)", inputShape = {2, 5, 3},
                        trials = 12, seed = "2", gradients = true)
        void straightThroughGradientsFail() {
        }
    }

    /** A SameDiff graph and a DJL block in a second class, so that classes run concurrently too. */
    @EquivarianceTest
    public static class SameDiffAndDjl {
        @ModelUnderTest("normGate")
        static SameDiff normGate() {
            return NormGateGraph.build();
        }

        @ModelUnderTest("positional")
        static Block positional() {
            return DeepSets.withPositionalEmbedding(16);
        }

        @EquivariantUnder(model = "normGate", group = "SO(3)", input = "vector", inputShape = {2, 5, 3}, trials = 16,
                          seed = "3", layers = true, gradients = true)
        void normGateLayersAndGradients() {
        }

        @EquivariantUnder(model = "normGate", group = "SO(3)", input = "vector", inputShape = {2, 5, 3}, trials = 24,
                          seed = "6")
        void normGateEndToEnd() {
        }

        @InvariantUnder(model = "positional", group = "S(n)", input = "permute(axis=1)", inputShape = {4, 10, 3},
                        trials = 24, seed = "5")
        void positionalEmbeddingFails() {
        }
    }
}
