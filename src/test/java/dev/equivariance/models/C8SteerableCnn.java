package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * A small C8 steerable CNN (a group-equivariant CNN for eighth turns, as built with escnn's {@code C8} regular
 * fields): images {@code (B, Cin, S, S)} to invariant features {@code (B, fields)}.
 * <ol>
 *   <li>{@code 01C8Lifting}: one smooth k x k base filter per (field, input channel), correlated with the image in its
 *       8 rotations: {@code W_r = rot90^(r/2)(W_(r mod 2))} with {@code W_1} the base filter rotated by 45 degrees by
 *       bilinear interpolation (torch's {@code grid_sample} semantics, zeros outside), so filter r is the base filter
 *       rotated by r * 45 degrees, exactly at even r. Output channel {@code f * 8 + r}: C8 regular fields;</li>
 *   <li>ReLU (pointwise: commutes with the channel shifts of regular fields);</li>
 *   <li>{@code 03C8GroupConv}: regular fields to regular fields. Output orientation r correlates with the base filter
 *       rotated by r * 45 degrees <em>and</em> with its input orientation channels shifted by r,
 *       {@code V_r[g, f, s] = rot_r(V[g, f, s - r])};</li>
 *   <li>ReLU, then {@code 05C8GroupPool}: the mean over the 8 orientations of each field (invariant channels that
 *       rotate with the image), and a global mean over the grid: invariant features.</li>
 * </ol>
 * Filters are smooth by construction: every learned k x k filter is blurred (Gaussian, sigma 1 pixel) and cut to the
 * inscribed disk before use, so that interpolating it is accurate. Equivariance is exact under quarter turns (the C4
 * subgroup: only index moves of filters and images, up to float round-off of the convolution sums) and approximate
 * under odd eighth turns, where the filter rotation and the audit's rotation of the image both interpolate.
 *
 * <p>The planted bug, {@link #unshiftedChannels}: the group convolution rotates its filter per output orientation but
 * does not shift the input orientation channels, so its output is not a regular field of the rotated input.
 */
public final class C8SteerableCnn {

    /** Kernel size, the input grid and channel counts the tests use. */
    public static final int KERNEL = 9;
    public static final int SIZE = 29;
    public static final int FIELDS = 2;
    public static final int OUT_FIELDS = 2;

    private C8SteerableCnn() {
    }

    /** The equivariant network: 1 input channel, {@link #FIELDS} lifted fields, {@link #OUT_FIELDS} outputs. */
    public static SequentialBlock equivariant() {
        return build(true);
    }

    /** The planted bug: the group convolution does not shift its rotation channels. */
    public static SequentialBlock unshiftedChannels() {
        return build(false);
    }

    private static SequentialBlock build(boolean shift) {
        SequentialBlock net = new SequentialBlock();
        net.add(new C8Lifting(FIELDS, KERNEL));
        net.add(Activation.reluBlock());
        net.add(new C8GroupConv(OUT_FIELDS, KERNEL, shift));
        net.add(Activation.reluBlock());
        net.add(new C8GroupPool());
        net.add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().mean(new int[] {3}).mean(new int[] {2})), "globalMean"));
        return net;
    }

    // ---- fixed linear maps on flattened k x k filters ----

    private static final java.util.Map<Integer, double[]> SMOOTHING = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<Integer, double[]> EIGHTH_TURN = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The smoothing of a learned filter, as a (k*k) x (k*k) matrix on row-major filters: a Gaussian blur (sigma 1
     * pixel, rows normalised), then the inscribed disk of the filter.
     */
    static double[] smoothing(int k) {
        double c = (k - 1) / 2.0;
        int n = k * k;
        double[] m = new double[n * n];
        for (int p = 0; p < n; p++) {
            int pi = p / k;
            int pj = p % k;
            boolean inside = (pi - c) * (pi - c) + (pj - c) * (pj - c) <= c * c + 1e-9;
            double sum = 0;
            for (int q = 0; q < n; q++) {
                int qi = q / k;
                int qj = q % k;
                double w = Math.exp(-((pi - qi) * (pi - qi) + (pj - qj) * (pj - qj)) / 2.0);
                m[p * n + q] = w;
                sum += w;
            }
            for (int q = 0; q < n; q++) {
                m[p * n + q] = inside ? m[p * n + q] / sum : 0;
            }
        }
        return m;
    }

    /**
     * The rotation of a k x k filter by {@code angle} counter-clockwise (row 0 on top) about its centre, bilinear,
     * zeros outside: the matrix of {@code grid_sample(filter, rotated grid, align_corners=False)}.
     */
    static double[] bilinearRotation(int k, double angle) {
        double c = (k - 1) / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int n = k * k;
        double[] m = new double[n * n];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double px = j - c;
                double py = c - i;
                double u = cos * px + sin * py + c;       // column of the pre-image R^T p
                double v = c - (-sin * px + cos * py);    // its row
                int u0 = (int) Math.floor(u);
                int v0 = (int) Math.floor(v);
                double fu = u - u0;
                double fv = v - v0;
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        int row = v0 + a;
                        int col = u0 + b;
                        if (row >= 0 && row < k && col >= 0 && col < k) {
                            m[(i * k + j) * n + row * k + col] += (a == 0 ? 1 - fv : fv) * (b == 0 ? 1 - fu : fu);
                        }
                    }
                }
            }
        }
        return m;
    }

    /** Applies a (k*k) x (k*k) matrix to the last two axes of {@code w} (filters, row-major). */
    static NDArray applyToFilters(NDArray w, double[] matrix, int k) {
        Shape s = w.getShape();
        NDArray m = w.getManager().create(matrix, new Shape((long) k * k, (long) k * k)).toType(w.getDataType(), false);
        return w.reshape(-1, (long) k * k).matMul(m.transpose()).reshape(s);
    }

    /** {@code rot_r(w)}: the filters (last two axes) rotated by r * 45 degrees, given w and its 45-degree rotation. */
    static NDArray rotated(NDArray w, NDArray w45, int r) {
        NDArray base = r % 2 == 0 ? w : w45;
        int quarter = r / 2;
        int rank = w.getShape().dimension();
        return quarter == 0 ? base : base.rotate90(quarter, new int[] {rank - 2, rank - 1});
    }

    /** A convolution with a learned raw filter and one bias per field (initially zero), zero-padded by k/2. */
    abstract static class RegularConv extends AbstractBlock {
        final int fields;
        final int kernel;
        final Parameter weight;
        final Parameter bias;

        RegularConv(int fields, int kernel) {
            this.fields = fields;
            this.kernel = kernel;
            this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
            this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                    .optInitializer(new ConstantInitializer(0)).optShape(new Shape(fields)).build());
        }

        /** The (fields * 8, Cin, k, k) kernel built from the smoothed learned filter. */
        abstract NDArray kernel(NDArray smooth, NDArray smooth45);

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray raw = store.getValue(weight, x.getDevice(), training);
            NDArray smooth = applyToFilters(raw, SMOOTHING.computeIfAbsent(kernel, C8SteerableCnn::smoothing), kernel);
            NDArray smooth45 = applyToFilters(smooth, EIGHTH_TURN.computeIfAbsent(kernel,
                    k -> bilinearRotation(k, Math.PI / 4)), kernel);
            NDArray w = kernel(smooth, smooth45);
            NDArray b = store.getValue(bias, x.getDevice(), training).reshape(fields, 1).repeat(1, 8)
                    .reshape(fields * 8L);
            int p = kernel / 2;
            return Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(p, p), new Shape(1, 1), 1);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] {new Shape(s.get(0), fields * 8L, s.get(2), s.get(3))};
        }
    }

    /** The lifting layer: images to C8 regular fields. */
    static final class C8Lifting extends RegularConv {
        C8Lifting(int fields, int kernel) {
            super(fields, kernel);
        }

        @Override
        protected void prepare(Shape[] inputShapes) {
            weight.setShape(new Shape(fields, inputShapes[0].get(1), kernel, kernel));
        }

        @Override
        NDArray kernel(NDArray w, NDArray w45) {
            NDList turned = new NDList();
            for (int r = 0; r < 8; r++) {
                turned.add(rotated(w, w45, r));
            }
            Shape s = w.getShape();
            // (fields, 8, Cin, k, k) -> (fields * 8, Cin, k, k): channel f * 8 + r
            return NDArrays.stack(turned, 1).reshape(s.get(0) * 8, s.get(1), s.get(2), s.get(3));
        }
    }

    /** The group convolution: C8 regular fields to C8 regular fields. */
    static final class C8GroupConv extends RegularConv {
        private final boolean shift;

        C8GroupConv(int fields, int kernel, boolean shift) {
            super(fields, kernel);
            this.shift = shift;
        }

        @Override
        protected void prepare(Shape[] inputShapes) {
            long channels = inputShapes[0].get(1);
            if (channels % 8 != 0) {
                throw new IllegalArgumentException("C8 regular fields need a multiple of 8 channels, got " + channels);
            }
            weight.setShape(new Shape(fields, channels / 8, 8, kernel, kernel));
        }

        @Override
        NDArray kernel(NDArray v, NDArray v45) {
            Shape s = v.getShape();   // (G, Fin, 8, k, k)
            NDList perOrientation = new NDList();
            for (int r = 0; r < 8; r++) {
                NDArray turned = rotated(v, v45, r);
                perOrientation.add(shift ? rollOrientations(turned, r) : turned);
            }
            // (G, 8, Fin, 8, k, k) -> (G * 8, Fin * 8, k, k)
            return NDArrays.stack(perOrientation, 1).reshape(s.get(0) * 8, s.get(1) * 8, s.get(3), s.get(4));
        }

        /** {@code y[:, :, s] = v[:, :, s - r]}: the input orientation channels shifted by r. */
        private static NDArray rollOrientations(NDArray v, int r) {
            if (r == 0) {
                return v;
            }
            NDList parts = v.split(8, 2);
            NDList rolled = new NDList();
            for (int s = 0; s < 8; s++) {
                rolled.add(parts.get(Math.floorMod(s - r, 8)));
            }
            return NDArrays.concat(rolled, 2);
        }
    }

    /** The mean over the 8 orientation channels of each field: (B, fields * 8, S, S) to (B, fields, S, S). */
    static final class C8GroupPool extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            Shape s = x.getShape();
            return new NDList(x.reshape(s.get(0), s.get(1) / 8, 8, s.get(2), s.get(3)).mean(new int[] {2}));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] {new Shape(s.get(0), s.get(1) / 8, s.get(2), s.get(3))};
        }
    }

    /** The block of a network by its index (tests that look inside). */
    static Block child(SequentialBlock net, int index) {
        return net.getChildren().get(index).getValue();
    }
}
