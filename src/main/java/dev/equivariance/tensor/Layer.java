package dev.equivariance.tensor;

/**
 * One layer of a model as the layer-wise audit sees it.
 *
 * @param name a name unique within the model (e.g. {@code 02Linear} or {@code block1/conv})
 * @param kind the layer's type (e.g. {@code Linear}, {@code Conv2d}, {@code relu}), used by diagnosis
 * @param activation whether the layer is a pointwise nonlinearity
 * @param batchNorm whether the layer is a batch normalisation (in training mode its output depends on the batch)
 * @param padding how the layer pads a grid when it is a convolution that pads ({@code zeros}, {@code circular},
 *                {@code reflect}, {@code replicate}), or null when it does not pad or the backend cannot tell
 */
public record Layer(String name, String kind, boolean activation, boolean batchNorm, String padding) {

    /** A layer that is not a batch norm and pads nothing the backend knows of. */
    public Layer(String name, String kind, boolean activation) {
        this(name, kind, activation, false, null);
    }
}
