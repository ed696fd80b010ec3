package dev.equivariance.rep;

import dev.equivariance.group.DiscreteRotation;
import dev.equivariance.group.DiscreteRotationGroup;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.group.PlanarRotationGroup;
import dev.equivariance.group.ProductGroup;
import dev.equivariance.group.SquareGroup;
import dev.equivariance.group.SquareSymmetry;

/**
 * Elements of the planar groups (C4, D4, C(N), D(N), SO(2), O(2)) seen the same way by the image and channel actions:
 * every one has a 2 x 2 orthogonal matrix {@code M = R(theta) F^s}, with {@code F = diag(-1, 1)} the flip of the last
 * image axis (x -> -x, D4's flip) and s = 1 for reflections. O(2)'s reflection y -> -y is {@code R(pi) F} in this form.
 */
final class Planar {

    /** Entries this close to an integer count as that integer (a quarter turn of SO(2) has cos(pi/2) = 6e-17). */
    private static final double INTEGER_TOLERANCE = 1e-12;
    /** An angle this close to a multiple of 2 pi / n counts as that multiple. */
    private static final double STEP_TOLERANCE = 1e-9;

    private Planar() {
    }

    /** Whether the element reverses orientation. */
    static boolean reflected(OrthogonalMatrix g) {
        if (g instanceof SquareSymmetry s) {
            return s.flipped();
        }
        if (g instanceof DiscreteRotation d) {
            return d.flipped();
        }
        return g.determinant() < 0;
    }

    /**
     * The number of n-th turns k with {@code M = R(2 pi k / n) F^s}, in 0..n-1, or -1 when the rotation part is not a
     * multiple of 2 pi / n (the element lies outside C(n) or D(n)).
     */
    static int steps(OrthogonalMatrix g, int n) {
        if (g instanceof SquareSymmetry s) {
            long k = (long) s.quarterTurns() * n;
            return k % 4 == 0 ? (int) (k / 4) : -1;
        }
        if (g instanceof DiscreteRotation d) {
            long k = (long) d.steps() * n;
            return k % d.order() == 0 ? (int) (k / d.order()) : -1;
        }
        double[][] m = g.matrix();
        if (m.length != 2) {
            return -1;
        }
        // rotation part R = M F^s: F flips the sign of the first column
        double sign = reflected(g) ? -1 : 1;
        double angle = Math.atan2(m[1][0] * sign, m[0][0] * sign);
        double turns = angle * n / (2 * Math.PI);
        long k = Math.round(turns);
        if (Math.abs(turns - k) > STEP_TOLERANCE * Math.max(1, n)) {
            return -1;
        }
        return (int) Math.floorMod(k, (long) n);
    }

    /**
     * The matrix as integers when the element is a multiple of a quarter turn (with or without a reflection), so that
     * it moves grid points onto grid points; null otherwise.
     */
    static int[][] integerMatrix(OrthogonalMatrix g) {
        double[][] m = g.matrix();
        if (m.length != 2) {
            return null;
        }
        int[][] out = new int[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double r = Math.rint(m[i][j]);
                if (Math.abs(m[i][j] - r) > INTEGER_TOLERANCE) {
                    return null;
                }
                out[i][j] = (int) r;
            }
        }
        return out;
    }

    /** The rotations of a finite planar group, found in the group or the factor the action uses. */
    record Finite(int rotations, boolean flips) {
        int order() {
            return flips ? 2 * rotations : rotations;
        }

        String name() {
            return (flips ? "D" : "C") + rotations;
        }
    }

    /** The finite planar group (C4, D4, C(N), D(N)) an action acts with, or null for other groups. */
    static Finite finite(Group<?> group, int factor) {
        if (group instanceof ProductGroup p) {
            if (factor >= 0) {
                return factor < p.factors().size() ? finite(p.factors().get(factor), -1) : null;
            }
            for (Group<?> f : p.factors()) {
                Finite found = finite(f, -1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (group instanceof SquareGroup s) {
            return new Finite(4, s.hasFlips());
        }
        if (group instanceof DiscreteRotationGroup d) {
            return new Finite(d.rotations(), d.hasFlips());
        }
        return null;
    }

    /** Whether the group (or the factor the action uses) is SO(2) or O(2). */
    static boolean continuous(Group<?> group, int factor) {
        if (group instanceof ProductGroup p) {
            if (factor >= 0) {
                return factor < p.factors().size() && continuous(p.factors().get(factor), -1);
            }
            return p.factors().stream().anyMatch(f -> continuous(f, -1));
        }
        return group instanceof PlanarRotationGroup;
    }

    /** The planar part of an element (by type, or the named factor). */
    static OrthogonalMatrix of(GroupElement g, int factor, String action) {
        return Parts.of(g, OrthogonalMatrix.class, factor, action);
    }
}
