package dev.equivariance.junit.scenarios;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.AuditSpec;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.DeepSets;

/**
 * Misconfigured audits, run through the JUnit engine by {@code MisconfigurationTest}: each must fail with an
 * ExtensionConfigurationException naming the method, the annotation and the attribute.
 */
public final class MisconfiguredScenarios {

    private MisconfiguredScenarios() {
    }

    /** The shared model of the scenarios. */
    public abstract static class WithDeepSets {
        @ModelUnderTest
        static Block model() {
            return DeepSets.build(8);
        }
    }

    public static class UnknownLayer extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 4,
                layerActions = {"01Linear=permute(axis=1)", "07Conv2d=trivial"})
        void audit() {
        }
    }

    public static class MalformedLayerAction extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 4,
                layerActions = "01Linear")
        void audit() {
        }
    }

    public static class UnknownAction extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "shuffle(axis=1)", inputShape = {2, 6, 3})
        void audit() {
        }
    }

    public static class InputAndInputs extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputs = {"permute(axis=1)"}, inputShape = {2, 6, 3})
        void audit() {
        }
    }

    public static class ShapesDoNotMatchInputs extends WithDeepSets {
        @InvariantUnder(group = "S(n)", inputs = {"permute(axis=1)", "permute(axis=1)"}, inputShapes = "2,6,3")
        void audit() {
        }
    }

    public static class NegativeTolerance extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, tolerance = -1)
        void audit() {
        }
    }

    public static class BadSeed extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, seed = "forty-two")
        void audit() {
        }
    }

    public static class BadDtype extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, dtype = "int8")
        void audit() {
        }
    }

    public static class BadDevice extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, device = "tpu")
        void audit() {
        }
    }

    public static class NoTrials extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 0)
        void audit() {
        }
    }

    public static class UnknownModelName extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, model = "resnet")
        void audit() {
        }
    }

    public static class MissingSpecMethod extends WithDeepSets {
        @InvariantUnder(group = "S(n)", spec = "noSuchSpec")
        void audit() {
        }
    }

    public static class SpecMethodNotStatic extends WithDeepSets {
        AuditSpec.Builder instanceSpec() {
            return AuditSpec.builder();
        }

        @InvariantUnder(group = "S(n)", spec = "instanceSpec")
        void audit() {
        }
    }

    public static class UndeclaredSize extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShapes = "2,n,3")
        void audit() {
        }
    }

    public static class NoOutputForTwoInputs extends WithDeepSets {
        @EquivariantUnder(group = "S(n)", inputs = {"permute(axis=1)", "permute(axis=1)"},
                inputShapes = {"2,6,3", "2,6,3"})
        void audit() {
        }
    }

    /** A TorchScript module names its layers only after a forward pass of its intermediates method. */
    public static class UnknownTorchScriptLayer {
        @ModelUnderTest
        static dev.equivariance.backend.djl.TorchScriptModel model() {
            return dev.equivariance.backend.djl.TorchScript.load(java.nio.file.Path.of(
                    "src/test/resources/fixtures/vector_net.pt"));
        }

        @EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 5, 3}, trials = 4,
                layerActions = {"gate1=vector", "gate3=vector"})
        void audit() {
        }
    }

    /** Two tests, two dtypes no conversion reaches: the float16 one says why it cannot run. */
    public static class UnreachableDtype extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 4, dtype = "float16")
        void inHalfPrecision() {
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 4)
        void inItsOwnDtype(AuditReport report) {
        }
    }

    /** Any audit, to run with misspelt settings. */
    public static class Plain extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 4)
        void audit() {
        }
    }

    /** A pass tolerance of 5: a broken model would pass; the report warns. */
    public static class HugeTolerance {
        @ModelUnderTest
        static Block model() {
            return DeepSets.withPositionalEmbedding(8);
        }

        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 4, tolerance = 5)
        void audit(AuditReport report) {
        }
    }

    /** A pass tolerance below float32's precision: round-off alone fails; the report warns. */
    public static class TinyTolerance extends WithDeepSets {
        @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {2, 6, 3}, trials = 4,
                tolerance = 1e-30, allowApproximate = true)
        void audit(AuditReport report) {
        }
    }
}
