package dev.equivariance.conformance;

import dev.equivariance.group.Group;
import dev.equivariance.group.Groups;
import dev.equivariance.group.Permutation;
import dev.equivariance.group.SquareSymmetry;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Every kind of action, bound to a group and a shape, for checks on a backend's own tensors. */
final class ActionCases {

    private ActionCases() {
    }

    /** An action, its group and the shape of the tensors it acts on. */
    record Case(String label, Action unbound, Group<?> group, long[] shape) {
        Action bound() {
            return unbound.bind(shape, group);
        }

        @Override
        public String toString() {
            return label + " under " + group.name() + " on " + Arrays.toString(shape);
        }
    }

    private static Case parsed(String action, String group, long... shape) {
        return new Case(action, Actions.parse(action), Groups.parse(group), shape);
    }

    static Stream<Case> all() {
        Action channelRoll = Actions.custom("roll-channels", (g, x) -> {
            int k = g.part(SquareSymmetry.class).orElseThrow().quarterTurns();
            int[] idx = new int[4];
            for (int i = 0; i < 4; i++) {
                idx[i] = Math.floorMod(i - k, 4);
            }
            return x.take(1, idx);
        });
        Action reversed = Actions.custom("reverse-take", (g, x) -> {
            int[] p = g.part(Permutation.class).orElseThrow().indices();
            return x.swapAxes(1, 2).take(1, p).swapAxes(1, 2);
        });
        return Stream.of(
                parsed("permute(axis=1)", "S(6)", 2, 6, 3),
                parsed("permute(axis=-1)", "S(5)", 3, 5),
                parsed("roll(axes=(2,3))", "Z(4)xZ(5)", 2, 3, 4, 5),
                parsed("rot90(axes=(2,3))", "C4", 2, 3, 5, 5),
                parsed("rot90(axes=(2,3))", "D4", 2, 3, 5, 5),
                parsed("regular(axis=1)", "D4", 2, 16, 3, 3),
                parsed("p4(axis=1, axes=(2,3))", "C4", 2, 8, 5, 5),
                parsed("p4m(axis=1, axes=(2,3))", "D4", 2, 16, 5, 5),
                parsed("flip(axis=2)", "O(3)", 2, 3, 7),
                parsed("vector", "O(3)", 4, 7, 3),
                parsed("vector(axis=1)", "SO(3)", 4, 3, 7),
                parsed("vector", "O(2)", 4, 7, 2),
                parsed("pseudovector", "O(3)", 4, 7, 3),
                parsed("permute(axis=1) & vector", "SO(3) x S(5)", 2, 5, 3),
                parsed("rotate(axes=(2,3))", "C4", 2, 3, 5, 5),
                parsed("rotate(axes=(1,2), mask=disk)", "D4", 2, 6, 6, 3),
                parsed("regular(axis=1)", "C8", 2, 16, 3, 3),
                parsed("regular(axis=1)", "D5", 2, 10, 3),
                parsed("cn(axis=1, axes=(2,3), n=8)", "C4", 2, 8, 5, 5),
                // large enough for the backend to keep the gather index on the device between uses
                parsed("permute(axis=1)", "S(64)", 4, 64, 8),
                parsed("p4(axis=1, axes=(2,3))", "C4", 2, 8, 16, 16),
                new Case("custom roll-channels", channelRoll, Groups.c4(), new long[] {2, 4, 3}),
                new Case("custom swap-take-swap", reversed, Groups.symmetric(5), new long[] {2, 3, 5}));
    }

    /**
     * Actions that interpolate (rotations by angles other than multiples of 90 degrees): representations only
     * approximately, but the same numbers on every backend, a stack like each slice alone, exact at quarter turns.
     */
    static Stream<Case> interpolated() {
        return Stream.of(
                parsed("rotate(axes=(2,3))", "C8", 2, 3, 7, 7),
                parsed("rotate(axes=(2,3), interpolation=bicubic)", "D8", 2, 2, 6, 6),
                parsed("rotate(axes=(1,2), interpolation=nearest)", "SO(2)", 2, 9, 9),
                parsed("rotate(axes=(2,3), mask=disk)", "O(2)", 1, 2, 5, 5),
                parsed("cn(axis=1, axes=(2,3))", "C8", 2, 16, 5, 5),
                parsed("cn(axis=-3, axes=(-2,-1), interpolation=bicubic)", "D3", 1, 6, 5, 5));
    }

    /** Standard normal float64 entries on a backend. */
    static Tensor random(TensorBackend backend, SplittableRandom rng, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 1 - rng.nextDouble();
            data[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return backend.fromDoubles(data, shape, DType.FLOAT64);
    }

    /** The largest absolute difference of two tensors of the same shape. */
    static double maxAbsDiff(Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        double[] x = a.toDoubles();
        double[] y = b.toDoubles();
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }
}
