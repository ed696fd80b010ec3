package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/**
 * Small DJL models broken in one precise way, so that shrinking has a known answer: each Javadoc says which
 * transformations break it and what the smallest counterexample is.
 */
public final class ShrinkTargets {

    private ShrinkTargets() {
    }

    /**
     * Maps 3-vectors v (shape (B, N, 3)) to v, except that vectors whose azimuth in the xy plane lies in (0.3, pi)
     * while staying exactly in the plane get a large z component. Fed the point (1, 0, 0), it is broken exactly for
     * rotations about z by angles above 0.3 rad: the smallest counterexample is a rotation about z by 0.3+.
     */
    public static Block brokenAboveAzimuth03() {
        double cos03 = Math.cos(0.3);
        return new LambdaBlock(list -> {
            NDArray v = list.singletonOrThrow();
            NDArray x = v.get(new NDIndex("..., 0:1"));
            NDArray y = v.get(new NDIndex("..., 1:2"));
            NDArray z = v.get(new NDIndex("..., 2:3"));
            NDArray beyond = x.neg().add(cos03).maximum(0).mul(1000).minimum(1);
            NDArray upperHalf = y.gt(0).toType(v.getDataType(), false);
            NDArray inPlane = z.abs().lt(1e-12).toType(v.getDataType(), false);
            NDArray kick = beyond.mul(upperHalf).mul(inPlane);
            return new NDList(NDArrays.concat(new NDList(x, y, z.add(kick)), -1));
        }, "brokenAboveAzimuth03");
    }

    /**
     * Permutation-equivariant on axis 1 except that the first point also receives the sum of all points: broken for
     * exactly the permutations that move point 0; the smallest counterexample is the transposition (0 1).
     */
    public static Block brokenWhenPointZeroMoves() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            long n = x.getShape().get(1);
            NDArray first = x.getManager().zeros(new ai.djl.ndarray.types.Shape(1, n, 1), x.getDataType());
            first.set(new NDIndex("0, 0, 0"), 1);
            NDArray total = x.sum(new int[] {1}, true);
            return new NDList(x.add(first.mul(total)));
        }, "brokenWhenPointZeroMoves");
    }

    /**
     * Images (B, C, H, W): adds a ramp along H, so it is equivariant to circular shifts along W but not along H;
     * the smallest counterexample is the shift (1, 0).
     */
    public static Block brokenForShiftsAlongFirstAxis() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            long h = x.getShape().get(2);
            NDArray ramp = x.getManager().arange(0f, (float) h).reshape(1, 1, h, 1).toType(x.getDataType(), false);
            return new NDList(x.add(ramp));
        }, "brokenForShiftsAlongFirstAxis");
    }

    /**
     * Sum pooling over the points of a set (B, n, d), plus the fifth point when there are at least five: invariant
     * for sets of up to four points, broken for larger ones; the smallest counterexample has five points.
     */
    public static Block brokenFromFivePoints() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            NDArray pooled = x.sum(new int[] {1});
            if (x.getShape().get(1) >= 5) {
                pooled = pooled.add(x.get(new NDIndex(":, 4, :")));
            }
            return new NDList(pooled);
        }, "brokenFromFivePoints");
    }

    /** Adds fresh noise on every call, like dropout left on: nondeterministic, so no counterexample is real. */
    public static Block noisy() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            return new NDList(x.add(x.getManager().randomNormal(0f, 0.5f, x.getShape(), x.getDataType())));
        }, "noisy");
    }

    /**
     * Invariant sum pooling, except that every seventh call (counting from the block's creation) adds noise: a
     * model that fails now and then, deterministically for a given sequence of calls (so tests never flake).
     */
    public static Block failsEverySeventhCall() {
        int[] calls = {0};
        return new LambdaBlock(list -> {
            NDArray pooled = list.singletonOrThrow().sum(new int[] {1});
            return new NDList(++calls[0] % 7 == 3 ? pooled.add(1) : pooled);
        }, "failsEverySeventhCall");
    }
}
