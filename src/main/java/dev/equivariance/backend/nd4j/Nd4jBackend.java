package dev.equivariance.backend.nd4j;

import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.versioncheck.VersionCheck;
import org.nd4j.versioncheck.VersionInfo;

/**
 * The tensor SPI on ND4J {@link INDArray}s. Scopes track the arrays created inside them and close them (freeing their
 * native buffers) when the scope closes. Every tensor owns its buffer: operations that ND4J answers with a view
 * (swapping axes, reshaping) are copied, so closing one tensor never frees another's data. Arrays passed in by the
 * user through {@link #wrapNative} are never closed.
 */
public final class Nd4jBackend implements TensorBackend, AutoCloseable {

    private final Deque<List<INDArray>> scopes = new ArrayDeque<>();
    private final GraphSessions sessions = new GraphSessions();

    /** A backend on ND4J's default device (the CPU with {@code nd4j-native}). */
    public Nd4jBackend() {
        scopes.push(new ArrayList<>());
    }

    /** Tracks an array computed here in the current scope and wraps it. */
    Nd4jTensor own(INDArray array) {
        scopes.peek().add(array);
        return new Nd4jTensor(this, array);
    }

    /** Copies an array the audit does not own (a model's output, a graph's variable) into the current scope. */
    Nd4jTensor copyOf(INDArray array) {
        return own(array.dup('c'));
    }

    @Override
    public String name() {
        return "ND4J " + version() + " / SameDiff (" + Nd4j.getBackend().getClass().getSimpleName() + ")";
    }

    /** ND4J's version: from its build information, else from the name of the jar it was loaded from. */
    private static String version() {
        try {
            for (VersionInfo v : VersionCheck.getVersionInfos()) {
                if ("nd4j-api".equals(v.getArtifactId()) && v.getBuildVersion() != null) {
                    return v.getBuildVersion();
                }
            }
            java.security.CodeSource source = Nd4j.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("nd4j-api-([^/]+)\\.jar$")
                        .matcher(source.getLocation().getPath());
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // fall through: the version is only for the report
        }
        return "(version unknown)";
    }

    @Override
    public String device() {
        return Nd4j.getEnvironment().isCPU() ? "cpu()" : "gpu(" + Nd4j.getAffinityManager().getDeviceForCurrentThread()
                + ")";
    }

    @Override
    public int threads() {
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    @Override
    public Tensor fromDoubles(double[] data, long[] shape, DType dtype) {
        INDArray a = Nd4j.create(data, shape.clone(), org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        if (dtype != DType.FLOAT64) {
            INDArray c = a.castTo(Nd4jTypes.toNd4j(dtype));
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
        INDArray[] arrays = new INDArray[tensors.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = unwrap(tensors.get(i));
        }
        return own(Nd4j.concat(axis, arrays));
    }

    @Override
    public List<Tensor> split(Tensor tensor, int axis, long[] sizes) {
        if (sizes.length == 1) {
            return List.of(tensor);
        }
        INDArray a = unwrap(tensor);
        List<Tensor> out = new ArrayList<>();
        long start = 0;
        for (long size : sizes) {
            INDArrayIndex[] index = new INDArrayIndex[a.rank()];
            for (int d = 0; d < index.length; d++) {
                index[d] = d == axis ? NDArrayIndex.interval(start, start + size) : NDArrayIndex.all();
            }
            out.add(own(a.get(index).dup('c')));
            start += size;
        }
        return out;
    }

    @Override
    public TensorScope openScope() {
        List<INDArray> scope = new ArrayList<>();
        scopes.push(scope);
        return () -> {
            if (scopes.peek() != scope) {
                throw new IllegalStateException("Tensor scopes closed out of order");
            }
            scopes.pop();
            free(scope);
        };
    }

    private static void free(List<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a.closeable() && !a.wasClosed()) {
                a.close();
            }
        }
        arrays.clear();
    }

    @Override
    public Tensor wrapNative(Object array) {
        return array instanceof INDArray a ? new Nd4jTensor(this, a) : null;
    }

    /** The array behind a tensor of this backend (for custom actions written against ND4J). */
    public static INDArray unwrap(Tensor tensor) {
        if (!(tensor instanceof Nd4jTensor t)) {
            throw new IllegalArgumentException("Not an ND4J tensor: " + (tensor == null ? "null"
                    : tensor.getClass().getName()) + "; tensors of different backends cannot be mixed");
        }
        return t.array();
    }

    /** The graphs run on this backend, whose sessions end with each audit. */
    GraphSessions sessions() {
        return sessions;
    }

    /** Ends the execution sessions of the graphs run here (and the arrays they keep for reuse). */
    @Override
    public void releaseCaches() {
        sessions.release();
    }

    /** The number of arrays tracked in all open scopes, the outermost included (for leak tests). */
    int tracked() {
        return scopes.stream().mapToInt(List::size).sum();
    }

    /** Frees every array still tracked, including the outermost scope's. */
    @Override
    public void close() {
        sessions.release();
        while (!scopes.isEmpty()) {
            free(scopes.pop());
        }
        scopes.push(new ArrayList<>());
    }

    @Override
    public String toString() {
        return name() + " on " + device();
    }
}
