package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rotation of a square image grid on two axes (rows, then columns) about its centre, by any element of a planar
 * group: C4, D4, C(N), D(N), SO(2), O(2). The value of the rotated image at a pixel is the input sampled at the
 * pixel's pre-image, {@code y(p) = x(M^-1 p)}, with {@code p = (j - c, c - i)} for row i and column j,
 * {@code c = (S - 1) / 2}, and M the element's matrix: a positive angle turns the image counter-clockwise as displayed
 * with row 0 on top, so a quarter turn is numpy's {@code rot90(x, 1, axes)}, and D4's flip (x -> -x) reverses the
 * columns.
 *
 * <p>Multiples of a quarter turn (with or without a reflection) move grid points onto grid points: they are pure
 * index moves, identical to {@code rot90} (and, bound to C4, D4, C1, C2, D1 or D2, this action is an index action,
 * exact in any dtype). Other angles interpolate, with the semantics of
 * {@code torch.nn.functional.grid_sample(x, grid, mode, padding_mode='zeros', align_corners=False)} on the rotated
 * grid: bilinear by default, {@code nearest} (rounding half to even) or {@code bicubic} (cubic convolution with
 * A = -0.75, PyTorch's), and zeros outside the grid. The interpolation is a sparse linear map, one weighted gather per
 * tap (1, 4 or 16), applied to a whole stack of slices at once.
 *
 * <p>{@code mask=disk} compares only inside the disk inscribed in the grid of pixel centres (the pixels within
 * (S - 1) / 2 of the centre), as escnn's tests of rotation equivariance do: outside it, rotated corners come from
 * outside the image. The mask applies where the audit compares (outputs and layer activations, {@link #compared});
 * on an input it changes nothing, so draw inputs that vanish outside the disk.
 *
 * <p>The dual (gradients of an invariant loss) is the rotation itself: exact at quarter turns, where the action is
 * orthogonal; at other angles interpolation is not orthogonal, and gradients are compared as approximately as values.
 */
final class Rotate implements Action {

    /** How values between grid points are read. */
    enum Interpolation {
        NEAREST, BILINEAR, BICUBIC;

        static Interpolation parse(String text, String action) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Action '" + action + "': interpolation must be nearest, bilinear "
                        + "or bicubic, got '" + text + "'", e);
            }
        }

        int taps() {
            return switch (this) {
                case NEAREST -> 1;
                case BILINEAR -> 4;
                case BICUBIC -> 16;
            };
        }
    }

    /** At most this many (tap, pixel) entries of indices and weights are built on the host at once. */
    private static final long MAX_TAP_ENTRIES = 1L << 22;

    /** PyTorch's cubic convolution coefficient (grid_sample and interpolate with mode='bicubic'). */
    private static final double CUBIC_A = -0.75;

    private final int axis1;
    private final int axis2;
    private final int factor;
    private final Interpolation interpolation;
    private final boolean disk;
    private final Exact exact;

    Rotate(int axis1, int axis2, int factor, Interpolation interpolation, boolean disk) {
        this.axis1 = axis1;
        this.axis2 = axis2;
        this.factor = factor;
        this.interpolation = interpolation;
        this.disk = disk;
        this.exact = new Exact(this);
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        if (Planar.integerMatrix(Planar.of(g, factor, describe())) != null) {
            return exact.apply(g, x);
        }
        long[] shape = x.shape();
        long[] stacked = new long[shape.length + 1];
        stacked[0] = 1;
        System.arraycopy(shape, 0, stacked, 1, shape.length);
        return interpolated(List.of(g), x.reshape(stacked)).reshape(shape);
    }

    @Override
    public Tensor applyStacked(List<? extends GroupElement> elements, Tensor stacked) {
        List<Integer> exactSlices = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int s = 0; s < elements.size(); s++) {
            boolean integer = Planar.integerMatrix(Planar.of(elements.get(s), factor, describe())) != null;
            (integer ? exactSlices : other).add(s);
        }
        if (other.isEmpty()) {
            return exact.applyStacked(elements, stacked);
        }
        if (exactSlices.isEmpty()) {
            return interpolated(elements, stacked);
        }
        // quarter turns move values exactly, the others interpolate; then the slices go back into order
        Tensor a = exact.applyStacked(pick(elements, exactSlices), stacked.take(0, ints(exactSlices)));
        Tensor b = interpolated(pick(elements, other), stacked.take(0, ints(other)));
        int[] order = new int[elements.size()];
        for (int i = 0; i < exactSlices.size(); i++) {
            order[exactSlices.get(i)] = i;
        }
        for (int i = 0; i < other.size(); i++) {
            order[other.get(i)] = exactSlices.size() + i;
        }
        return stacked.backend().concat(List.of(a, b), 0).take(0, order);
    }

    private static List<GroupElement> pick(List<? extends GroupElement> elements, List<Integer> slices) {
        List<GroupElement> out = new ArrayList<>();
        for (int s : slices) {
            out.add(elements.get(s));
        }
        return out;
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The interpolated rotation of every slice: the grid axes move last and flatten to P = S * S pixels, the stack
     * becomes (rest, count * P), and each tap is one gather along that axis times its weights, summed.
     */
    private Tensor interpolated(List<? extends GroupElement> elements, Tensor stacked) {
        long[] shape = stacked.shape();
        long side = shape[Axes.normalize(axis2, Arrays.copyOfRange(shape, 1, shape.length), describe()) + 1];
        long perSlice = interpolation.taps() * side * side;
        int chunk = (int) Math.max(1, MAX_TAP_ENTRIES / Math.max(1, perSlice));
        if (elements.size() > chunk) {
            // bounded host arrays of taps: a few elements at a time
            List<Tensor> parts = new ArrayList<>();
            for (int start = 0; start < elements.size(); start += chunk) {
                int end = Math.min(elements.size(), start + chunk);
                int[] rows = new int[end - start];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = start + i;
                }
                parts.add(interpolatedChunk(elements.subList(start, end), stacked.take(0, rows)));
            }
            return stacked.backend().concat(parts, 0);
        }
        return interpolatedChunk(elements, stacked);
    }

    private Tensor interpolatedChunk(List<? extends GroupElement> elements, Tensor stacked) {
        long[] shape = stacked.shape();
        long[] slice = Arrays.copyOfRange(shape, 1, shape.length);
        int rows = Axes.normalize(axis1, slice, describe()) + 1;
        int cols = Axes.normalize(axis2, slice, describe()) + 1;
        GridLast layout = new GridLast(shape.length, rows, cols);
        Tensor t = layout.forward(stacked);
        long[] moved = t.shape();
        int size = (int) moved[moved.length - 1];
        if (moved[moved.length - 2] != size) {
            throw new IllegalArgumentException(describe() + ": rotations need a square grid, got "
                    + moved[moved.length - 2] + "x" + size);
        }
        int count = elements.size();
        int pixels = size * size;
        long rest = stacked.size() / ((long) count * pixels);
        Tensor flat = t.reshape(count, rest, pixels).swapAxes(0, 1).reshape(rest, (long) count * pixels);
        int taps = interpolation.taps();
        int[][] index = new int[taps][count * pixels];
        double[][] weight = new double[taps][count * pixels];
        for (int s = 0; s < count; s++) {
            OrthogonalMatrix g = Planar.of(elements.get(s), factor, describe());
            fill(g.matrix(), size, s * pixels, index, weight);
        }
        DType dtype = stacked.dtype();
        Tensor sum = null;
        for (int tap = 0; tap < taps; tap++) {
            Tensor w = stacked.backend().fromDoubles(weight[tap], new long[] {(long) count * pixels}, dtype)
                    .tile((int) rest);
            Tensor term = flat.take(1, index[tap]).multiply(w);
            sum = sum == null ? term : sum.add(term);
        }
        Tensor back = sum.reshape(rest, count, pixels).swapAxes(0, 1).reshape(moved);
        return layout.backward(back);
    }

    /**
     * The taps of every output pixel of one slice: source pixel (flat, offset by the slice) and weight. Taps that fall
     * outside the grid get weight 0 (zero padding) and point at the pixel itself.
     */
    private void fill(double[][] m, int size, int offset, int[][] index, double[][] weight) {
        double c = (size - 1) / 2.0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                int out = offset + i * size + j;
                double px = j - c;
                double py = c - i;
                // the pre-image M^T p (M is orthogonal), back in column / row coordinates
                double u = m[0][0] * px + m[1][0] * py + c;
                double v = c - (m[0][1] * px + m[1][1] * py);
                switch (interpolation) {
                    case NEAREST -> set(index, weight, 0, out, offset, size, (long) Math.rint(v), (long) Math.rint(u), 1);
                    case BILINEAR -> {
                        double u0 = Math.floor(u);
                        double v0 = Math.floor(v);
                        double fu = u - u0;
                        double fv = v - v0;
                        long r = (long) v0;
                        long q = (long) u0;
                        set(index, weight, 0, out, offset, size, r, q, (1 - fu) * (1 - fv));
                        set(index, weight, 1, out, offset, size, r, q + 1, fu * (1 - fv));
                        set(index, weight, 2, out, offset, size, r + 1, q, (1 - fu) * fv);
                        set(index, weight, 3, out, offset, size, r + 1, q + 1, fu * fv);
                    }
                    case BICUBIC -> {
                        double u0 = Math.floor(u);
                        double v0 = Math.floor(v);
                        double[] cu = cubic(u - u0);
                        double[] cv = cubic(v - v0);
                        for (int a = 0; a < 4; a++) {
                            for (int b = 0; b < 4; b++) {
                                set(index, weight, a * 4 + b, out, offset, size, (long) v0 - 1 + a, (long) u0 - 1 + b,
                                        cv[a] * cu[b]);
                            }
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
    }

    private static void set(int[][] index, double[][] weight, int tap, int out, int offset, int size, long row,
                            long col, double w) {
        boolean inside = row >= 0 && row < size && col >= 0 && col < size;
        index[tap][out] = inside ? offset + (int) row * size + (int) col : out;
        weight[tap][out] = inside ? w : 0;
    }

    /** PyTorch's cubic convolution weights of the taps at -1, 0, 1, 2 for a fractional position t in [0, 1). */
    static double[] cubic(double t) {
        return new double[] {far(t + 1), near(t), near(1 - t), far(2 - t)};
    }

    private static double near(double x) {
        return ((CUBIC_A + 2) * x - (CUBIC_A + 3)) * x * x + 1;
    }

    private static double far(double x) {
        return ((CUBIC_A * x - 5 * CUBIC_A) * x + 8 * CUBIC_A) * x - 4 * CUBIC_A;
    }

    /** Angles that are not multiples of 90 degrees interpolate. */
    @Override
    public boolean interpolates(GroupElement g) {
        return Planar.integerMatrix(Planar.of(g, factor, describe())) == null;
    }

    /** Zeroes each slice outside the inscribed disk (for {@code mask=disk}); the stack itself otherwise. */
    @Override
    public Tensor compared(Tensor stacked) {
        if (!disk) {
            return stacked;
        }
        long[] shape = stacked.shape();
        long[] slice = Arrays.copyOfRange(shape, 1, shape.length);
        int rows = Axes.normalize(axis1, slice, describe()) + 1;
        int cols = Axes.normalize(axis2, slice, describe()) + 1;
        GridLast layout = new GridLast(shape.length, rows, cols);
        Tensor t = layout.forward(stacked);
        long[] moved = t.shape();
        int h = (int) moved[moved.length - 2];
        int w = (int) moved[moved.length - 1];
        long rest = stacked.size() / ((long) h * w);
        Tensor mask = stacked.backend().fromDoubles(diskMask(h, w), new long[] {(long) h * w}, stacked.dtype())
                .tile((int) rest);
        return layout.backward(t.reshape(rest, (long) h * w).multiply(mask).reshape(moved));
    }

    /** 1 at the pixels whose centre lies within (S - 1) / 2 of the grid centre, 0 elsewhere (row-major h x w). */
    static double[] diskMask(int h, int w) {
        double ci = (h - 1) / 2.0;
        double cj = (w - 1) / 2.0;
        double radius = (Math.min(h, w) - 1) / 2.0;
        double[] mask = new double[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double d2 = (i - ci) * (i - ci) + (j - cj) * (j - cj);
                mask[i * w + j] = d2 <= radius * radius + 1e-9 ? 1 : 0;
            }
        }
        return mask;
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        int a1 = Axes.normalize(axis1, shape, describe());
        int a2 = Axes.normalize(axis2, shape, describe());
        String hint = "rotate acts on images with a planar group: C4, D4, C(N), D(N), SO(2) or O(2)";
        OrthogonalMatrix id = Parts.check(group, OrthogonalMatrix.class, factor, describe(), hint);
        if (id.matrix().length != 2 || !(Planar.finite(group, factor) != null || Planar.continuous(group, factor))) {
            throw new IllegalArgumentException(describe() + " does not fit the group " + group.name() + ": " + hint);
        }
        if (a1 == a2) {
            throw new IllegalArgumentException(describe() + ": the two axes must differ");
        }
        if (shape[a1] != shape[a2]) {
            throw new IllegalArgumentException(describe() + ": rotations need a square grid, but axes " + a1 + " and "
                    + a2 + " of shape " + Arrays.toString(shape) + " have sizes " + shape[a1] + " and " + shape[a2]
                    + "; use square inputs (e.g. " + Math.max(shape[a1], shape[a2]) + "x"
                    + Math.max(shape[a1], shape[a2]) + ")");
        }
        Planar.Finite finite = Planar.finite(group, factor);
        // every element of C1, C2, C4, D1, D2 and D4 is a multiple of a quarter turn: an exact index action
        return finite != null && 4 % finite.rotations() == 0 ? exact : this;
    }

    @Override
    public int[] gridAxes(int rank) {
        return new int[] {Axes.normalize(axis1, rank), Axes.normalize(axis2, rank)};
    }

    @Override
    public boolean touchesAxis(int axis, int rank) {
        return Axes.normalize(axis1, rank) == axis || Axes.normalize(axis2, rank) == axis;
    }

    @Override
    public String describe() {
        return "rotate(axes=(" + axis1 + "," + axis2 + ")"
                + (interpolation == Interpolation.BILINEAR ? "" : ", interpolation="
                + interpolation.name().toLowerCase(Locale.ROOT))
                + (disk ? ", mask=disk" : "") + (factor >= 0 ? ", factor=" + factor : "") + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rotate o && axis1 == o.axis1 && axis2 == o.axis2 && factor == o.factor
                && interpolation == o.interpolation && disk == o.disk;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(axis1, axis2, factor, interpolation, disk);
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The same rotation restricted to multiples of a quarter turn (with reflections): a pure index move, so a stack of
     * elements moves in one gather and the values are exact in any dtype.
     */
    static final class Exact implements IndexAction {

        private final Rotate spec;

        Exact(Rotate spec) {
            this.spec = spec;
        }

        @Override
        public Tensor apply(GroupElement g, Tensor x) {
            int[] map = flatIndex(g, x.shape());
            if (map == null) {
                return x;
            }
            long[] shape = x.shape();
            return Gather.of(map, map.length).apply(x, shape);
        }

        @Override
        public int[] flatIndex(GroupElement element, long[] shape) {
            OrthogonalMatrix g = Planar.of(element, spec.factor, describe());
            int[][] m = Planar.integerMatrix(g);
            if (m == null) {
                throw new IllegalArgumentException(describe() + " bound as exact cannot act with " + element
                        + ", which is not a multiple of a quarter turn");
            }
            if (m[0][0] == 1 && m[1][1] == 1) {
                return null;
            }
            int a1 = Axes.normalize(spec.axis1, shape, describe());
            int a2 = Axes.normalize(spec.axis2, shape, describe());
            int h = (int) shape[a1];
            int w = (int) shape[a2];
            if (h != w && (m[0][1] != 0 || m[1][0] != 0)) {
                throw new IllegalArgumentException(describe() + ": quarter turns need a square grid, got " + h + "x"
                        + w);
            }
            long[] strides = new long[shape.length];
            long acc = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                strides[i] = acc;
                acc *= shape[i];
            }
            int n = FlatMaps.size(shape);
            int[] map = new int[n];
            for (int idx = 0; idx < n; idx++) {
                int i = (int) ((idx / strides[a1]) % h);
                int j = (int) ((idx / strides[a2]) % w);
                // doubled centred coordinates, exact integers: P = (2j - (w-1), (h-1) - 2i), pre-image M^T P
                int px = 2 * j - (w - 1);
                int py = (h - 1) - 2 * i;
                int qx = m[0][0] * px + m[1][0] * py;
                int qy = m[0][1] * px + m[1][1] * py;
                int j2 = (qx + (w - 1)) / 2;
                int i2 = ((h - 1) - qy) / 2;
                map[idx] = (int) (idx + (long) (i2 - i) * strides[a1] + (long) (j2 - j) * strides[a2]);
            }
            return map;
        }

        @Override
        public Tensor compared(Tensor stacked) {
            return spec.compared(stacked);
        }

        /** Index moves keep the norm, but a disk mask compares only part of the tensor. */
        @Override
        public boolean preservesNorm() {
            return !spec.disk;
        }

        @Override
        public Action bind(long[] shape, Group<?> group) {
            return spec.bind(shape, group);
        }

        @Override
        public int[] gridAxes(int rank) {
            return spec.gridAxes(rank);
        }

        @Override
        public boolean touchesAxis(int axis, int rank) {
            return spec.touchesAxis(axis, rank);
        }

        @Override
        public String describe() {
            return spec.describe();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Exact o && spec.equals(o.spec);
        }

        @Override
        public int hashCode() {
            return spec.hashCode() * 31 + 1;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** Moves two axes of a tensor to the end (rows, then columns) by at most two swaps, and back. */
    private static final class GridLast {
        private final int last;
        private final int cols;
        private final int rowsAfter;

        GridLast(int rank, int rows, int cols) {
            this.last = rank - 1;
            this.cols = cols;
            this.rowsAfter = rows == last ? cols : rows;
        }

        Tensor forward(Tensor t) {
            Tensor y = cols == last ? t : t.swapAxes(cols, last);
            return rowsAfter == last - 1 ? y : y.swapAxes(rowsAfter, last - 1);
        }

        Tensor backward(Tensor t) {
            Tensor y = rowsAfter == last - 1 ? t : t.swapAxes(rowsAfter, last - 1);
            return cols == last ? y : y.swapAxes(cols, last);
        }
    }
}
