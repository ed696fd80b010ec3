package dev.equivariance.tensor;

/**
 * A model adapted to a backend and placed on a device, with the selection that chose the device.
 *
 * @param model the model, on {@code selection.device()}
 * @param selection the device and why
 */
public record PlacedModel(AuditedModel model, DeviceSelection selection) {

    /**
     * A model that stays where its backend put it: the request is checked against that device. {@code auto} accepts
     * any device; an explicit request the model's device does not meet throws.
     *
     * @throws DeviceUnavailableException when the request cannot be met
     */
    public static PlacedModel asIs(AuditedModel model, DeviceRequest request) {
        TensorBackend backend = model.backend();
        return new PlacedModel(model, DeviceSelector.confirm(request, backend.devices(),
                DeviceInfo.parse(backend.device()), backend.name()));
    }
}
