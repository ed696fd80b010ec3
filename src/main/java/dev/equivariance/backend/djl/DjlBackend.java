package dev.equivariance.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DeviceInventory;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The tensor SPI on DJL. Scopes are DJL sub-managers: every tensor created or computed inside a scope is attached
 * to it and freed when it closes.
 */
public final class DjlBackend implements TensorBackend, AutoCloseable {

    private final NDManager root;
    private final Deque<NDManager> scopes = new ArrayDeque<>();
    private final DeviceInventory inventory;
    private final IndexCache indices;
    private final boolean pyTorch;

    /** A backend on the default device of the PyTorch engine (or of DJL's default engine without PyTorch). */
    public DjlBackend() {
        this(arrayEngine().newBaseManager(), null);
    }

    /** A backend on the given device. */
    public DjlBackend(Device device) {
        this(arrayEngine().newBaseManager(device), null);
    }

    /** A backend on the given device that reports a fixed inventory (for models that can run on one device only). */
    DjlBackend(Device device, DeviceInventory inventory) {
        this(arrayEngine().newBaseManager(device), inventory);
    }

    /**
     * The engine the audit's array operations run on: PyTorch when present, since forward-only engines such as ONNX
     * Runtime lack most operations, whatever DJL's default engine is.
     */
    static Engine arrayEngine() {
        return Engine.getAllEngines().contains("PyTorch") ? Engine.getEngine("PyTorch") : Engine.getInstance();
    }

    private DjlBackend(NDManager root, DeviceInventory inventory) {
        this.root = root;
        this.inventory = inventory;
        this.indices = new IndexCache(root);
        this.pyTorch = "PyTorch".equals(root.getEngine().getEngineName());
        scopes.push(root);
    }

    NDManager current() {
        return scopes.peek();
    }

    Device deviceObject() {
        return root.getDevice();
    }

    /** Wraps an array computed here, moving it into the current scope. */
    DjlTensor own(NDArray array) {
        NDManager scope = current();
        if (array.getManager() != scope) {
            array.attach(scope);
        }
        return new DjlTensor(this, array);
    }

    /** Views an array without taking ownership or copying (for arrays that live inside a gradient graph). */
    DjlTensor view(NDArray array) {
        return new DjlTensor(this, array);
    }

    /** Wraps an array the audit does not own (a copy is made in the current scope). */
    DjlTensor copyOf(NDArray array) {
        NDArray dup = array.duplicate();
        dup.attach(current());
        return new DjlTensor(this, dup);
    }

    @Override
    public String name() {
        Engine engine = current().getEngine();
        return "DJL " + Engine.getDjlVersion() + " / " + engine.getEngineName() + " " + engine.getVersion();
    }

    @Override
    public String device() {
        return root.getDevice().toString();
    }

    /** The devices DJL's engine can use here: the CPU, and its GPUs when CUDA natives and a GPU are present. */
    @Override
    public DeviceInventory devices() {
        return inventory != null ? inventory : DjlDevices.inventory();
    }

    /** libtorch's intra-op thread count as the engine reports it ({@code -Dai.djl.pytorch.num_threads} sets it). */
    @Override
    public int threads() {
        if (current().getEngine().getEngineName().equals("PyTorch")) {
            int n = PyTorchNatives.threads();
            if (n > 0) {
                return n;
            }
        }
        String p = System.getProperty("ai.djl.pytorch.num_threads");
        return p != null && p.matches("\\d+") ? Integer.parseInt(p) : -1;
    }

    @Override
    public Tensor fromDoubles(double[] data, long[] shape, DType dtype) {
        NDArray a = current().create(data, new Shape(shape));
        if (dtype != DType.FLOAT64) {
            NDArray c = a.toType(DjlTypes.toDjl(dtype), true);
            a.close();
            a = c;
        }
        return own(a);
    }

    @Override
    public Tensor concat(List<Tensor> tensors, int axis) {
        if (tensors.size() == 1) {
            return tensors.get(0);
        }
        NDList list = new NDList();
        for (Tensor t : tensors) {
            list.add(((DjlTensor) t).array());
        }
        return own(NDArrays.concat(list, axis));
    }

    @Override
    public List<Tensor> split(Tensor tensor, int axis, long[] sizes) {
        if (sizes.length == 1) {
            return List.of(tensor);
        }
        long[] points = new long[sizes.length - 1];
        long acc = 0;
        for (int i = 0; i < points.length; i++) {
            acc += sizes[i];
            points[i] = acc;
        }
        NDList parts = ((DjlTensor) tensor).array().split(points, axis);
        List<Tensor> out = new ArrayList<>();
        for (NDArray p : parts) {
            out.add(own(p));
        }
        return out;
    }

    @Override
    public TensorScope openScope() {
        NDManager sub = current().newSubManager();
        scopes.push(sub);
        return () -> {
            if (scopes.peek() != sub) {
                throw new IllegalStateException("Tensor scopes closed out of order");
            }
            scopes.pop();
            sub.close();
        };
    }

    @Override
    public Tensor wrapNative(Object array) {
        return array instanceof NDArray nd ? new DjlTensor(this, nd) : null;
    }

    /** The array behind a tensor of this backend (for custom actions written against DJL). */
    public static NDArray unwrap(Tensor tensor) {
        return ((DjlTensor) tensor).array();
    }

    /** The device copy of a gather index: cached until the audit ends when large, else null (upload it). */
    NDArray cachedIndex(int[] index) {
        return index.length < IndexCache.SMALLEST_CACHED ? null : indices.get(index);
    }

    /** Whether arrays live on the PyTorch engine (the array engine whenever PyTorch is on the class path). */
    boolean isPyTorch() {
        return pyTorch;
    }

    @Override
    public void releaseCaches() {
        indices.clear();
    }

    @Override
    public void close() {
        indices.clear();
        while (scopes.size() > 1) {
            scopes.pop().close();
        }
        root.close();
    }

    @Override
    public String toString() {
        return name() + " on " + device();
    }
}
