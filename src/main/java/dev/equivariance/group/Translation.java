package dev.equivariance.group;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * An element of a product of cyclic groups Z(n1) x Z(n2) x ..., i.e. a circular shift by {@code shifts[k]} along
 * the k-th translated axis (numpy's {@code roll}).
 */
public final class Translation implements GroupElement {

    private final int[] shifts;
    private final int[] moduli;

    private Translation(int[] shifts, int[] moduli) {
        this.shifts = shifts;
        this.moduli = moduli;
    }

    /** A shift in Z(moduli[0]) x Z(moduli[1]) x ...; shifts are reduced modulo their modulus. */
    public static Translation of(int[] shifts, int[] moduli) {
        if (shifts.length != moduli.length) {
            throw new IllegalArgumentException("A translation needs one shift per axis: got " + shifts.length
                    + " shifts for " + moduli.length + " axes");
        }
        int[] s = new int[shifts.length];
        for (int i = 0; i < s.length; i++) {
            if (moduli[i] < 1) {
                throw new IllegalArgumentException("Cyclic group size must be positive, got " + moduli[i]);
            }
            s[i] = Math.floorMod(shifts[i], moduli[i]);
        }
        return new Translation(s, moduli.clone());
    }

    /** The shifts, each in {@code 0..n-1}. */
    public int[] shifts() {
        return shifts.clone();
    }

    /** The cyclic group sizes. */
    public int[] moduli() {
        return moduli.clone();
    }

    /** The shift on axis {@code k} in the symmetric range {@code -n/2 < s <= n/2}, as people read shifts. */
    public int signedShift(int k) {
        int s = shifts[k];
        return s > moduli[k] / 2 ? s - moduli[k] : s;
    }

    @Override
    public Translation compose(GroupElement other) {
        if (!(other instanceof Translation t) || !Arrays.equals(t.moduli, moduli)) {
            throw new IllegalArgumentException("Cannot compose " + this + " with " + other);
        }
        int[] s = new int[shifts.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shifts[i] + t.shifts[i];
        }
        return of(s, moduli);
    }

    @Override
    public Translation inverse() {
        int[] s = new int[shifts.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = -shifts[i];
        }
        return of(s, moduli);
    }

    @Override
    public boolean isIdentity() {
        return Arrays.stream(shifts).allMatch(s -> s == 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Translation t && Arrays.equals(shifts, t.shifts) && Arrays.equals(moduli, t.moduli);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shifts) + Arrays.hashCode(moduli);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Translation(", ")");
        for (int k = 0; k < shifts.length; k++) {
            j.add(Integer.toString(signedShift(k)));
        }
        return j.toString();
    }
}
