package dev.equivariance.rep;

import dev.equivariance.group.EuclideanTransform;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.group.ProductElement;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;
import java.util.Optional;

/**
 * Points stored along one axis (the last by default): {@code x -> x L^T + t} for an element of E(3) or SE(3) with
 * linear part L and translation t. Under groups without translations (SO(3), O(3), SO(2), ...) positions turn like
 * vectors. Gradients of an invariant loss do not translate, so the {@link #dual() dual} is the vector action.
 */
final class PositionAction implements Action {

    private final int axis;
    private final int factor;

    PositionAction(int axis, int factor) {
        this.axis = axis;
        this.factor = factor;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        OrthogonalMatrix m = Parts.of(g, OrthogonalMatrix.class, factor, describe());
        int a = Axes.normalize(axis, x.shape(), describe());
        Tensor y = m.isIdentity() ? x : x.contract(a, m.matrix());
        Optional<EuclideanTransform> motion = source(g).part(EuclideanTransform.class);
        if (motion.isEmpty() || motion.get().hasNoShift()) {
            return y;
        }
        return y.add(broadcast(motion.get().shift(), x, a));
    }

    private GroupElement source(GroupElement g) {
        return factor >= 0 && g instanceof ProductElement p && factor < p.factors().size() ? p.factor(factor) : g;
    }

    /** A tensor of x's shape holding {@code shift[i]} wherever the axis index is i. */
    private static Tensor broadcast(double[] shift, Tensor x, int axis) {
        long[] shape = x.shape();
        long inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        double[] data = new double[Math.toIntExact(x.size())];
        int n = (int) shape[axis];
        for (int i = 0; i < data.length; i++) {
            data[i] = shift[(int) ((i / inner) % n)];
        }
        return x.backend().fromDoubles(data, shape, x.dtype());
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        int a = Axes.normalize(axis, shape, describe());
        OrthogonalMatrix id = Parts.check(group, OrthogonalMatrix.class, factor, describe(),
                "Use a group of rigid motions or rotations: E(3), SE(3), O(3), SO(3), O(2) or SO(2)");
        int dim = id.matrix().length;
        if (shape[a] != dim) {
            throw new IllegalArgumentException(describe() + ": the group " + group.name() + " moves points in "
                    + dim + "D, but axis " + a + " of shape " + Arrays.toString(shape) + " has size " + shape[a]
                    + "; put the " + dim + " coordinates of each point on that axis");
        }
        return this;
    }

    @Override
    public boolean touchesAxis(int ax, int rank) {
        return Axes.normalize(axis, rank) == ax;
    }

    /** Gradients with respect to positions turn like vectors and ignore translations. */
    @Override
    public Action dual() {
        return new VectorAction(axis, false, factor);
    }

    @Override
    public String describe() {
        return "position(axis=" + axis + (factor >= 0 ? ", factor=" + factor : "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
