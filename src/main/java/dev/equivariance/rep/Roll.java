package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Translation;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;

/** Circular shifts along one or more axes, numpy's {@code roll(x, shifts, axes)}: {@code y[i] = x[i - s]}. */
final class Roll implements IndexAction {

    private final int[] axes;
    private final int factor;

    Roll(int[] axes, int factor) {
        this.axes = axes.clone();
        this.factor = factor;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        Translation t = Parts.of(g, Translation.class, factor, describe());
        int[] shifts = t.shifts();
        Tensor y = x;
        for (int k = 0; k < axes.length; k++) {
            if (shifts[k] != 0) {
                int a = Axes.normalize(axes[k], x.shape(), describe());
                y = y.take(a, Axes.rollIndices((int) x.shape()[a], shifts[k]));
            }
        }
        return y;
    }

    @Override
    public int[] flatIndex(GroupElement g, long[] shape) {
        int[] shifts = Parts.of(g, Translation.class, factor, describe()).shifts();
        int[] map = null;
        for (int k = 0; k < axes.length; k++) {
            if (shifts[k] != 0) {
                int a = Axes.normalize(axes[k], shape, describe());
                int[] step = FlatMaps.take(shape, a, Axes.rollIndices((int) shape[a], shifts[k]));
                map = map == null ? step : FlatMaps.then(map, step);
            }
        }
        return map;
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        Translation id = Parts.check(group, Translation.class, factor, describe(),
                "Use a translation group such as Z(" + shape[Axes.normalize(axes[0], shape, describe())] + ")");
        int[] moduli = id.moduli();
        if (moduli.length != axes.length) {
            throw new IllegalArgumentException(describe() + " rolls " + axes.length + " axes but the group "
                    + group.name() + " shifts " + moduli.length + "; give one axis per cyclic factor");
        }
        for (int k = 0; k < axes.length; k++) {
            int a = Axes.normalize(axes[k], shape, describe());
            if (shape[a] != moduli[k]) {
                throw new IllegalArgumentException(describe() + ": axis " + a + " of shape " + Arrays.toString(shape)
                        + " has size " + shape[a] + " but the group shifts it modulo " + moduli[k]
                        + "; use Z(" + shape[a] + ") for that axis");
            }
        }
        return this;
    }

    @Override
    public int[] gridAxes(int rank) {
        return axes.length == 2 ? new int[] {Axes.normalize(axes[0], rank), Axes.normalize(axes[1], rank)} : new int[0];
    }

    @Override
    public boolean touchesAxis(int axis, int rank) {
        return Arrays.stream(axes).anyMatch(a -> Axes.normalize(a, rank) == axis);
    }

    /** Gradients with respect to a rolled input roll the same way (a permutation is orthogonal). */
    @Override
    public Action dual() {
        return this;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("roll(axes=");
        sb.append(axes.length == 1 ? Integer.toString(axes[0]) : Arrays.toString(axes).replace("[", "(").replace("]", ")")
                .replace(" ", ""));
        return sb.append(factor >= 0 ? ", factor=" + factor : "").append(')').toString();
    }

    /** Equal when built the same way, so that gathers are reused across audits of the same spec. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Roll o && java.util.Arrays.equals(axes, o.axes) && factor == o.factor;
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(axes) + factor;
    }

    @Override
    public String toString() {
        return describe();
    }
}
