package dev.equivariance.tensor;

/**
 * The device an audit runs on and why, e.g. {@code auto -> cpu(): no GPU visible}.
 *
 * @param request what the user asked for
 * @param device the chosen device
 * @param reason why this device, in a few words (e.g. {@code requested}, {@code 2 GPUs visible})
 * @param inventory the devices the backend reported, the basis of the choice
 */
public record DeviceSelection(DeviceRequest request, DeviceInfo device, String reason, DeviceInventory inventory) {

    /** One line for reports: {@code auto -> cpu(): no GPU visible (...)}. */
    public String describe() {
        return request + " -> " + device + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }

    @Override
    public String toString() {
        return describe();
    }
}
