package dev.equivariance.samples;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/**
 * The p4 group CNN, layer by layer: its feature maps turn with the image (and their rotation channels cycle), and
 * its class scores do not change at all. Inputs are batches of two 9x9 single-channel images.
 */
@EquivarianceTest
class P4GroupCnnTest {

    @ModelUnderTest("lifting")
    static Block liftingLayer() {
        return P4GroupCnn.liftingLayer(4, 3);
    }

    @ModelUnderTest("features")
    static Block features() {
        return P4GroupCnn.features(4, 3);
    }

    @ModelUnderTest("classifier")
    static Block classifier() {
        return P4GroupCnn.classifier(4, 3, 10);
    }

    /** A quarter turn of the image turns each output map and moves rotation channel r to r + 1 in every field. */
    @EquivariantUnder(model = "lifting", group = "C4", input = "rot90(axes=(2,3))",
                      output = "p4(axis=1, axes=(2,3))", inputShape = {2, 1, 9, 9},
                      samples = 2, trials = 16, seed = "4")
    void liftingConvolutionIsRotationEquivariant() {
    }

    /** Lifting, ReLU, p4 group convolution, ReLU: still p4-equivariant end to end. */
    @EquivariantUnder(model = "features", group = "C4", input = "rot90(axes=(2,3))",
                      output = "p4(axis=1, axes=(2,3))", inputShape = {2, 1, 9, 9},
                      samples = 2, trials = 16, seed = "44")
    void groupConvolutionFeaturesAreRotationEquivariant() {
    }

    /** Mean over space and max over the four rotation channels: the classifier ignores quarter turns. */
    @InvariantUnder(model = "classifier", group = "C4", input = "rot90(axes=(2,3))", inputShape = {2, 1, 9, 9},
                    samples = 2, trials = 16, seed = "444")
    void classScoresAreRotationInvariant() {
    }
}
