package dev.equivariance.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import dev.equivariance.tensor.DeviceInfo;
import dev.equivariance.tensor.DeviceInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The devices DJL can compute on here, from its engine: the CPU always, and each GPU the engine reports when CUDA
 * natives are loaded and a GPU is visible. Otherwise the inventory says which of these is missing. Computed once per
 * JVM (finding GPUs may start a process).
 */
final class DjlDevices {

    private static volatile DeviceInventory cached;

    private DjlDevices() {
    }

    /** The inventory of the array engine. */
    static DeviceInventory inventory() {
        DeviceInventory inv = cached;
        if (inv == null) {
            inv = compute(DjlBackend.arrayEngine());
            cached = inv;
        }
        return inv;
    }

    private static DeviceInventory compute(Engine engine) {
        String name = engine.getEngineName();
        int visible = visibleGpus();
        if (name.equals("PyTorch")) {
            Optional<String> flavor = PyTorchNatives.flavor();
            if (flavor.isPresent() && !flavor.get().startsWith("cu")) {
                return DeviceInventory.cpuOnly("no CUDA natives on the class path (the PyTorch natives are the "
                        + flavor.get() + " build" + (visible > 0 ? ", so the " + visible + " visible GPU(s) cannot be "
                        + "used" : "") + ")");
            }
        }
        if (visible <= 0) {
            return DeviceInventory.cpuOnly("no GPU visible (no CUDA driver or device found)");
        }
        int count = engine.getGpuCount();
        if (count <= 0) {
            return DeviceInventory.cpuOnly("the " + name + " engine reports 0 GPUs");
        }
        List<DeviceInfo> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            devices.add(DeviceInfo.gpu(i));
        }
        return new DeviceInventory(devices, "");
    }

    private static int visibleGpus() {
        try {
            return CudaUtils.getGpuCount();
        } catch (LinkageError | RuntimeException e) {
            return 0;
        }
    }

    /** DJL's device for a device of the inventory. */
    static Device toDjl(DeviceInfo device) {
        return device.gpu() ? Device.gpu(device.index()) : Device.cpu();
    }

    /** The inventory's name for a DJL device. */
    static DeviceInfo fromDjl(Device device) {
        return device.isGpu() ? DeviceInfo.gpu(device.getDeviceId()) : DeviceInfo.cpu();
    }
}
