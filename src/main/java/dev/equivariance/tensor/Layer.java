package dev.equivariance.tensor;

/**
 * One layer of a model as the layer-wise audit sees it.
 *
 * @param name a name unique within the model (e.g. {@code 02Linear} or {@code block1/conv})
 * @param kind the layer's type (e.g. {@code Linear}, {@code Conv2d}, {@code relu}), used by diagnosis
 * @param activation whether the layer is a pointwise nonlinearity
 */
public record Layer(String name, String kind, boolean activation) {
}
