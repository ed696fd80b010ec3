package dev.equivariance.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * An element of the symmetric group S(n), acting on an axis as {@code y[..., i, ...] = x[..., perm[i], ...]}
 * (numpy's {@code take}). Composition is defined so that this action is a homomorphism.
 */
public final class Permutation implements GroupElement {

    private final int[] perm;

    private Permutation(int[] perm) {
        this.perm = perm;
    }

    /** The permutation with {@code take} indices {@code perm}; must contain each of 0..n-1 once. */
    public static Permutation of(int... perm) {
        int[] copy = perm.clone();
        boolean[] seen = new boolean[copy.length];
        for (int p : copy) {
            if (p < 0 || p >= copy.length || seen[p]) {
                throw new IllegalArgumentException("Not a permutation of 0.." + (copy.length - 1) + ": "
                        + Arrays.toString(perm));
            }
            seen[p] = true;
        }
        return new Permutation(copy);
    }

    public static Permutation identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return new Permutation(p);
    }

    /** The transposition swapping {@code i} and {@code j} in S(n). */
    public static Permutation transposition(int n, int i, int j) {
        int[] p = identity(n).perm;
        p[i] = j;
        p[j] = i;
        return new Permutation(p);
    }

    /** The cyclic shift {@code perm[i] = (i + 1) mod n}. */
    public static Permutation cycle(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = (i + 1) % n;
        }
        return new Permutation(p);
    }

    public int size() {
        return perm.length;
    }

    /** The {@code take} indices (a copy). */
    public int[] indices() {
        return perm.clone();
    }

    /** Number of points this permutation moves. */
    public int movedPoints() {
        int moved = 0;
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                moved++;
            }
        }
        return moved;
    }

    @Override
    public Permutation compose(GroupElement other) {
        Permutation o = cast(other);
        int[] c = new int[perm.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = o.perm[perm[i]];
        }
        return new Permutation(c);
    }

    @Override
    public Permutation inverse() {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return new Permutation(inv);
    }

    @Override
    public boolean isIdentity() {
        return movedPoints() == 0;
    }

    /** Cycle notation without fixed points, e.g. {@code (0 1)(2 4 3)}; {@code ()} for the identity. */
    public String cycles() {
        boolean[] done = new boolean[perm.length];
        StringBuilder sb = new StringBuilder();
        for (int start = 0; start < perm.length; start++) {
            if (done[start] || perm[start] == start) {
                continue;
            }
            List<Integer> cycle = new ArrayList<>();
            for (int i = start; !done[i]; i = perm[i]) {
                done[i] = true;
                cycle.add(i);
            }
            StringJoiner j = new StringJoiner(" ", "(", ")");
            cycle.forEach(c -> j.add(Integer.toString(c)));
            sb.append(j);
        }
        return sb.length() == 0 ? "()" : sb.toString();
    }

    private Permutation cast(GroupElement other) {
        if (!(other instanceof Permutation p) || p.perm.length != perm.length) {
            throw new IllegalArgumentException("Cannot compose " + this + " with " + other);
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permutation p && Arrays.equals(perm, p.perm);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perm);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" ", "Permutation[", "]");
        for (int p : perm) {
            j.add(Integer.toString(p));
        }
        return perm.length > 12 ? "Permutation" + cycles() + " of " + perm.length : j.toString();
    }
}
