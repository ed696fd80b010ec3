package dev.equivariance.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The devices a backend can place models and tensors on, as it reports them, and why it has no GPU when it has
 * none (for messages such as "CUDA requested but not available: ...").
 *
 * @param devices the usable devices; the CPU is always among them
 * @param whyNoGpu when there is no GPU, the reason in a few words (e.g. {@code no GPU visible}); otherwise empty
 */
public record DeviceInventory(List<DeviceInfo> devices, String whyNoGpu) {

    public DeviceInventory {
        List<DeviceInfo> all = new ArrayList<>();
        all.add(DeviceInfo.cpu());
        for (DeviceInfo d : devices) {
            if (!all.contains(d)) {
                all.add(d);
            }
        }
        devices = List.copyOf(all);
        boolean noGpu = all.stream().noneMatch(DeviceInfo::gpu);
        if (!noGpu) {
            whyNoGpu = "";
        } else if (whyNoGpu == null || whyNoGpu.isBlank()) {
            whyNoGpu = "the backend reports no GPU";
        }
    }

    /** Only the CPU, for the given reason. */
    public static DeviceInventory cpuOnly(String whyNoGpu) {
        return new DeviceInventory(List.of(), whyNoGpu);
    }

    /** The GPUs, in the order reported. */
    public List<DeviceInfo> gpus() {
        return devices.stream().filter(DeviceInfo::gpu).toList();
    }

    /** Whether at least one GPU is usable. */
    public boolean hasGpu() {
        return !gpus().isEmpty();
    }
}
