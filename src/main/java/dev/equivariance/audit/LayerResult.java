package dev.equivariance.audit;

/**
 * The layer-wise audit of one layer.
 *
 * @param name the layer's name as the backend reports it (e.g. {@code 02Linear} or {@code conv2})
 * @param kind a short description of the layer type (e.g. {@code Linear}, {@code relu})
 * @param localError max relative error of the layer alone: layer(rho_in(g) h) vs rho_out(g) layer(h), where h is
 *                   the layer's input activation; NaN when the layer cannot be run alone
 * @param propagatedError max relative error of the activation after this layer along the network:
 *                        act(g x) vs rho(g) act(x)
 * @param action the action used for the layer's output
 * @param level the level of the local error (or the propagated one when no local error exists)
 * @param firstBreaking whether this is the first layer whose error is broken
 */
public record LayerResult(String name, String kind, double localError, double propagatedError, String action,
                          Level level, boolean firstBreaking) {
}
