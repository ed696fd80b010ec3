package dev.equivariance.tensor;

import java.util.List;
import java.util.Optional;

/** A model whose activations after each layer the audit can read, for the layer-wise audit. */
public interface LayeredModel {

    /**
     * The layers in network order. Backends that learn them from a forward pass (TorchScript's intermediates method)
     * know them once {@link #activations} has run.
     */
    List<Layer> layers();

    /** The activation after each layer for the given inputs (in the model's dtype), aligned with {@link #layers()}. */
    List<Tensor> activations(List<Tensor> inputs);

    /**
     * Runs one layer alone on the activation that feeds it, or returns empty when layers cannot be run one by one
     * (e.g. a TorchScript module that only exports its intermediate activations).
     */
    Optional<Tensor> runLayer(int index, Tensor input);

    /**
     * The model's outputs and the activation after each layer, with {@code perturbation} applied to the activation
     * after layer {@code index} (and carried through the later layers): a planted symmetry break for the audit's
     * self-check. Empty when the backend cannot change an activation inside the model (the default).
     *
     * @return {outputs, activations}
     */
    default Optional<List<List<Tensor>>> runPerturbed(List<Tensor> inputs, int index,
                                                       java.util.function.UnaryOperator<Tensor> perturbation) {
        return Optional.empty();
    }

    /** Whether {@link #runLayer} can run layers one by one (false when it always returns empty). */
    default boolean runsLayersAlone() {
        return true;
    }
}
