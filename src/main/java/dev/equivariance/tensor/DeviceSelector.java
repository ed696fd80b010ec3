package dev.equivariance.tensor;

import java.util.List;

/**
 * Chooses the device of an audit from what the user asked for and the devices the backend reports. Backend-neutral:
 * it sees only {@link DeviceInfo} lists. Never falls back to the CPU when CUDA was asked for: it throws
 * {@link DeviceUnavailableException} with the reason instead.
 */
public final class DeviceSelector {

    /** What a message asks the user to do when CUDA cannot be had. */
    static final String HOW_TO_GET_CUDA = "run on a machine with a GPU and the CUDA natives (see README, "
            + "\"Devices and CUDA\")";

    private DeviceSelector() {
    }

    /**
     * The device for a request: {@code auto} picks the first GPU, or the CPU when there is none; {@code cpu} the CPU;
     * {@code cuda} the first GPU and {@code cuda:N} GPU N.
     *
     * @throws DeviceUnavailableException when CUDA is requested and the GPU is not in the inventory
     */
    public static DeviceSelection select(DeviceRequest request, DeviceInventory inventory) {
        List<DeviceInfo> gpus = inventory.gpus();
        switch (request.kind()) {
            case CPU:
                return new DeviceSelection(request, DeviceInfo.cpu(), "requested", inventory);
            case AUTO:
                return gpus.isEmpty()
                        ? new DeviceSelection(request, DeviceInfo.cpu(), inventory.whyNoGpu(), inventory)
                        : new DeviceSelection(request, gpus.get(0), count(gpus) + " visible", inventory);
            default:
                if (gpus.isEmpty()) {
                    throw new DeviceUnavailableException(request, inventory.whyNoGpu(),
                            "CUDA requested but not available: " + inventory.whyNoGpu() + "; " + HOW_TO_GET_CUDA);
                }
                if (request.index() < 0) {
                    return new DeviceSelection(request, gpus.get(0), gpus.size() == 1 ? "the only GPU"
                            : "the first of " + count(gpus), inventory);
                }
                DeviceInfo wanted = DeviceInfo.gpu(request.index());
                if (gpus.contains(wanted)) {
                    return new DeviceSelection(request, wanted, "requested", inventory);
                }
                String why = "only " + count(gpus) + " visible " + gpus;
                throw new DeviceUnavailableException(request, why, "CUDA device " + request.index()
                        + " requested but not available: " + why + "; ask for device = \"cuda\" (the first GPU) or "
                        + "an index that exists, or " + HOW_TO_GET_CUDA.replace("a GPU", "more GPUs"));
        }
    }

    /**
     * Checks a request against a model that is already on {@code actual} and cannot be moved: {@code auto} accepts
     * it, an explicit request must select that very device.
     *
     * @param backend the backend's name, for messages
     * @throws DeviceUnavailableException when the request cannot be met by the model where it is
     */
    public static DeviceSelection confirm(DeviceRequest request, DeviceInventory inventory, DeviceInfo actual,
                                          String backend) {
        DeviceSelection wanted = select(request, inventory);
        if (wanted.device().equals(actual)) {
            return wanted;
        }
        if (request.kind() == DeviceRequest.Kind.AUTO) {
            return new DeviceSelection(request, actual, "the model's own device; " + backend + " cannot move it",
                    inventory);
        }
        String why = backend + " keeps this model on " + actual + " and cannot move it";
        throw new DeviceUnavailableException(request, why, "Device " + request + " requested but not available: "
                + why + " to " + wanted.device() + "; create the model on that device, or use device = \"auto\"");
    }

    private static String count(List<DeviceInfo> gpus) {
        return gpus.size() == 1 ? "1 GPU" : gpus.size() + " GPUs";
    }
}
