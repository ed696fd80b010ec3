package dev.equivariance.audit;

import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.PlacedModel;

/**
 * Puts the model under audit on a requested device. The audit asks for the spec's device, and for a second device
 * when it compares devices. Whoever creates the placer owns (and closes) the adapters it creates.
 */
@FunctionalInterface
public interface ModelPlacer {

    /**
     * The model on the device the request selects.
     *
     * @throws dev.equivariance.tensor.DeviceUnavailableException when that device cannot be had
     * @throws IllegalArgumentException when the model cannot be adapted
     */
    PlacedModel place(DeviceRequest device);
}
