package dev.equivariance.conformance;

import dev.equivariance.backend.nd4j.Nd4jBackend;
import dev.equivariance.backend.nd4j.SameDiffModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.TensorBackend;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fixture models as SameDiff graphs with {@link SharedWeights}. Graphs are built in float32; a float64 model is
 * the plain graph handed to the audit with {@code dtype(FLOAT64)}, so that the adapter's float64 conversion is what
 * runs (and is proven by the cross-backend agreement).
 */
final class Nd4jFixtures implements BackendFixtures {

    private final Nd4jBackend backend = new Nd4jBackend();

    @Override
    public String name() {
        return "ND4J";
    }

    @Override
    public TensorBackend backend() {
        return backend;
    }

    private static Object described(SameDiff sd, String name, DType dtype) {
        return dtype == DType.FLOAT64 ? sd : SameDiffModel.of(sd).inputs("x").outputs("y").named(name);
    }

    /**
     * {@code x W^T + b} along the last axis of a tensor of the given rank, as a broadcast product summed over the
     * input features: ND4J 1.0.0-M2.1's {@code tensorMmul} cannot be differentiated for inputs of rank 3 or more
     * ({@code tensormmul_bp} fails with "the dimensions at given axes for both input arrays must be the same").
     */
    private static SDVariable dense(SameDiff sd, String name, SDVariable x, int rank, SharedWeights.Dense d) {
        SDVariable w = sd.var(name + "_w", Nd4j.create(d.weight(), new long[] {d.out(), d.in()}, DataType.DOUBLE)
                .castTo(DataType.FLOAT));
        SDVariable b = sd.var(name + "_b", Nd4j.create(d.bias(), new long[] {d.out()}, DataType.DOUBLE)
                .castTo(DataType.FLOAT));
        return sd.sum(sd.expandDims(x, rank - 1).mul(w), rank).add(name, b);
    }

    @Override
    public Object deepSets(boolean positional, int n, DType dtype) {
        List<SharedWeights.Dense> w = SharedWeights.deepSets(3);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, n, 3);
        SDVariable in = x;
        if (positional) {
            double[] ramp = new double[n];
            for (int i = 0; i < n; i++) {
                ramp[i] = (float) i / n;
            }
            SDVariable pos = sd.constant("position", Nd4j.create(ramp, new long[] {1, n, 1}, DataType.DOUBLE)
                    .castTo(DataType.FLOAT));
            in = x.add("positionalEmbedding", pos);
        }
        SDVariable h = sd.nn.relu(dense(sd, "phi1", in, 3, w.get(0)), 0);
        SDVariable pooled = sd.sum("sumPool", dense(sd, "phi2", h, 3, w.get(1)), 1);
        SDVariable g = sd.nn.relu(dense(sd, "rho1", pooled, 2, w.get(2)), 0);
        dense(sd, "y", g, 2, w.get(3));
        return described(sd, positional ? "DeepSets + positional embedding" : "DeepSets", dtype);
    }

    /** numpy's rot90(k, 1, axes=(2,3)): reverse the last axis, then swap the last two. */
    private static SDVariable rot90(SameDiff sd, SDVariable k) {
        return sd.permute(sd.reverse(k, 3), 0, 1, 3, 2);
    }

    @Override
    public Object liftingConv(boolean unrotated, DType dtype) {
        SharedWeights.Kernel k = SharedWeights.lifting(2, 3);
        int f = k.fields();
        int s = k.size();
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 1, -1, -1);
        SDVariable w = sd.var("weight", Nd4j.create(k.weight(), new long[] {f, k.channels(), s, s}, DataType.DOUBLE)
                .castTo(DataType.FLOAT));
        SDVariable b = sd.var("bias", Nd4j.create(k.bias(), new long[] {f}, DataType.DOUBLE).castTo(DataType.FLOAT));
        SDVariable[] turned = new SDVariable[4];
        turned[0] = w;
        for (int r = 1; r < 4; r++) {
            turned[r] = unrotated ? w : rot90(sd, turned[r - 1]);
        }
        // (fields, 4, Cin, k, k) -> (fields * 4, Cin, k, k): channel c * 4 + r; SameDiff wants (k, k, Cin, Cout)
        SDVariable lifted = sd.reshape(sd.stack(1, turned), 4L * f, k.channels(), s, s);
        SDVariable kernel = sd.permute(lifted, 2, 3, 1, 0);
        SDVariable bias = sd.reshape(sd.tile(sd.reshape(b, f, 1), 1, 4), 4L * f);
        sd.cnn.conv2d("y", x, kernel, bias, Conv2DConfig.builder().kH(s).kW(s).pH(s / 2).pW(s / 2).build());
        return described(sd, unrotated ? "p4 lifting conv, unturned kernel" : "p4 lifting conv", dtype);
    }

    /** Linear(8), tanh, Linear(1) on the last axis (of size 1) of a tensor of the given rank. */
    private static SDVariable mlp(SameDiff sd, String name, SDVariable x, int rank, List<SharedWeights.Dense> w,
                                  int first) {
        SDVariable h = sd.math.tanh(dense(sd, name + "1", x, rank, w.get(first)));
        return dense(sd, name + "2", h, rank, w.get(first + 1));
    }

    @Override
    public Object vectorModel(boolean reluOnVectors, DType dtype) {
        List<SharedWeights.Dense> w = SharedWeights.egnn();
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, -1, 3);                     // (B, N, 3)
        SDVariable norm = sd.math.sqrt(sd.sum(x.mul(x), true, 2));                          // (B, N, 1)
        SDVariable self = mlp(sd, "phi", norm, 3, w, 0).mul(x);
        SDVariable diff = sd.expandDims(x, 2).sub(sd.expandDims(x, 1));                     // (B, N, N, 3)
        SDVariable dist2 = sd.sum(diff.mul(diff), true, 3);                                 // (B, N, N, 1)
        SDVariable pair = sd.sum(mlp(sd, "psi", dist2, 4, w, 2).mul(diff), 2);              // (B, N, 3)
        if (reluOnVectors) {
            sd.nn.relu("y", self.add(pair), 0);
        } else {
            self.add("y", pair);
        }
        return described(sd, reluOnVectors ? "EGNN coordinates + ReLU" : "EGNN coordinates", dtype);
    }

    @Override
    public Object setNetwork(boolean broken, int n) {
        List<SharedWeights.Dense> w = SharedWeights.setNetwork(3);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, n, 3);
        SDVariable h = sd.nn.relu("relu1", dense(sd, "linear1", x, 3, w.get(0)), 0);
        SDVariable doubled;
        if (broken) {
            double[] ramp = new double[n];
            for (int i = 0; i < n; i++) {
                ramp[i] = i;
            }
            SDVariable r = sd.constant("ramp", Nd4j.create(ramp, new long[] {1, n, 1}, DataType.DOUBLE)
                    .castTo(DataType.FLOAT));
            doubled = h.mul(2).add(rampLayer(), r);
        } else {
            doubled = h.mul("double", 2);
        }
        SDVariable g = sd.nn.relu("relu2", dense(sd, "linear2", doubled, 3, w.get(1)), 0);
        dense(sd, "y", g, 3, w.get(2));
        return SameDiffModel.of(sd).inputs("x").outputs("y").named(broken ? "set network + ramp" : "set network");
    }

    @Override
    public String rampLayer() {
        return "positionalRamp";
    }

    @Override
    public Object straightThrough(int n) {
        List<SharedWeights.Dense> w = SharedWeights.straightThrough(n, 3);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, n, 3);
        SDVariable pooled = sd.sum(sd.math.tanh(dense(sd, "phi", x, 3, w.get(0))), 1);
        SDVariable y = dense(sd, "rho", pooled, 2, w.get(1));
        SDVariable flat = sd.reshape(x, -1, 3L * n);
        SDVariable hx = dense(sd, "h", flat, 2, w.get(2));
        SDVariable stopped = new StopGradient(sd, hx).outputVariable();
        y.add("out", hx.sub(stopped));
        return SameDiffModel.of(sd).inputs("x").outputs("out").named("straight-through");
    }

    @Override
    public String straightThroughWeight() {
        return "h_w";
    }

    @Override
    public Object nanOutput() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, -1, 3);
        x.mul(0).div("y", 0);
        return SameDiffModel.of(sd).inputs("x").outputs("y").named("zeroOverZero");
    }

    @Override
    public Object throwing() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, -1, 3);
        SDVariable w = sd.var("w", Nd4j.ones(DataType.FLOAT, 2, 4));
        sd.tensorMmul("y", x, w, new int[] {2}, new int[] {1});       // 3 features against a weight for 4
        return SameDiffModel.of(sd).inputs("x").outputs("y").named("throwing");
    }
}
