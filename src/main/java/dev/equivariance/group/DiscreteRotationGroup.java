package dev.equivariance.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The cyclic group C(N) (N-th turns of the plane) or the dihedral group D(N) (N-th turns and the flips), for any
 * N >= 1: the symmetries of the rotation channels of a C(N) or D(N) steerable CNN. Its elements act on images by
 * rotation ({@code rotate}, interpolated unless the angle is a multiple of 90 degrees) and on channels by the regular
 * representation. C4 and D4 are {@link SquareGroup}s, whose elements print as quarter turns; this class serves every
 * other N (it also accepts N = 4, for tests that want the same element type for every N).
 */
public final class DiscreteRotationGroup implements Group<DiscreteRotation> {

    /** Above this many elements, shrinking offers a selection of simpler elements instead of all of them. */
    private static final int ALL_CANDIDATES_UP_TO = 64;
    /** Up to this order, every element is an edge case (the group is small enough to test whole). */
    private static final int ALL_EDGE_CASES_UP_TO = 16;

    private final int n;
    private final boolean withFlips;

    private DiscreteRotationGroup(int n, boolean withFlips) {
        if (n < 1) {
            throw new IllegalArgumentException("C(N) and D(N) need N >= 1, got " + n);
        }
        this.n = n;
        this.withFlips = withFlips;
    }

    /** C(N): the rotations by multiples of 2 pi / N. */
    public static DiscreteRotationGroup cyclic(int n) {
        return new DiscreteRotationGroup(n, false);
    }

    /** D(N): the rotations by multiples of 2 pi / N and the flips, 2N elements. */
    public static DiscreteRotationGroup dihedral(int n) {
        return new DiscreteRotationGroup(n, true);
    }

    /** N, the number of rotations. */
    public int rotations() {
        return n;
    }

    public boolean hasFlips() {
        return withFlips;
    }

    /** The number of elements: N, or 2N with the flips. */
    public int order() {
        return withFlips ? 2 * n : n;
    }

    @Override
    public String name() {
        return (withFlips ? "D" : "C") + n;
    }

    @Override
    public DiscreteRotation identity() {
        return DiscreteRotation.rotation(0, n);
    }

    @Override
    public List<DiscreteRotation> generators() {
        List<DiscreteRotation> gens = new ArrayList<>();
        if (n > 1) {
            gens.add(DiscreteRotation.rotation(1, n));
        }
        if (withFlips) {
            gens.add(DiscreteRotation.flipThenRotate(0, n));
        }
        if (gens.isEmpty()) {
            gens.add(identity());
        }
        return gens;
    }

    /** All elements, identity first: the rotations r^0..r^(N-1), then (D(N)) r^0 f..r^(N-1) f. */
    public List<DiscreteRotation> elements() {
        List<DiscreteRotation> all = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            all.add(DiscreteRotation.rotation(k, n));
        }
        if (withFlips) {
            for (int k = 0; k < n; k++) {
                all.add(DiscreteRotation.flipThenRotate(k, n));
            }
        }
        return all;
    }

    @Override
    public DiscreteRotation random(RandomGenerator rng) {
        int index = rng.nextInt(order());
        return index < n ? DiscreteRotation.rotation(index, n) : DiscreteRotation.flipThenRotate(index - n, n);
    }

    /**
     * The identity, the generator, the flip, the inverse generator, the quarter and half turns where N allows them,
     * then the remaining elements of small groups (up to 16 elements every element is tested), simplest first.
     */
    @Override
    public List<DiscreteRotation> edgeCases() {
        Set<DiscreteRotation> cases = new LinkedHashSet<>();
        cases.add(identity());
        cases.addAll(generators());
        cases.add(DiscreteRotation.rotation(-1, n));
        if (n % 4 == 0) {
            cases.add(DiscreteRotation.rotation(n / 4, n));
            cases.add(DiscreteRotation.rotation(3 * n / 4, n));
        }
        if (n % 2 == 0) {
            cases.add(DiscreteRotation.rotation(n / 2, n));
        }
        if (withFlips && n % 4 == 0) {
            cases.add(DiscreteRotation.flipThenRotate(n / 4, n));
        }
        if (order() <= ALL_EDGE_CASES_UP_TO) {
            List<DiscreteRotation> rest = new ArrayList<>(elements());
            rest.sort(Comparator.comparingDouble(this::complexity));
            cases.addAll(rest);
        }
        List<DiscreteRotation> out = new ArrayList<>(cases);
        out.sort(Comparator.comparingDouble(this::complexity));
        return out;
    }

    @Override
    public Class<DiscreteRotation> elementType() {
        return DiscreteRotation.class;
    }

    /**
     * Shrinks toward the generators (a single N-th turn, a plain flip) and smaller turns: every simpler element for
     * groups of up to 64 elements, else the generators, the quarter and half turns, and turns of k - 1 and k / 2.
     */
    @Override
    public List<DiscreteRotation> simplerThan(DiscreteRotation element) {
        check(element);
        double c = complexity(element);
        List<DiscreteRotation> out;
        if (order() <= ALL_CANDIDATES_UP_TO) {
            out = new ArrayList<>(elements());
        } else {
            Set<DiscreteRotation> picked = new LinkedHashSet<>(generators());
            int k = element.steps();
            int signed = k > n / 2 ? k - n : k;
            for (int s : new int[] {1, -1, n / 4, n / 2, signed / 2, signed - Integer.signum(signed), 2, -2}) {
                picked.add(DiscreteRotation.rotation(s, n));
                if (element.flipped()) {
                    picked.add(DiscreteRotation.flipThenRotate(s, n));
                }
            }
            if (element.flipped()) {
                picked.add(DiscreteRotation.rotation(k, n));
            }
            out = new ArrayList<>(picked);
        }
        out.removeIf(e -> e.isIdentity() || complexity(e) >= c);
        out.sort(Comparator.comparingDouble(this::complexity));
        return out;
    }

    /**
     * Identity 0; the generator r and the flip 1; then r^-1, r^2, r^-2, ... (the shorter way round is simpler, a
     * clockwise turn a little less simple than the counter-clockwise one); flips combined with turns after both.
     */
    @Override
    public double complexity(DiscreteRotation e) {
        check(e);
        int k = e.steps();
        double turns = k == 0 ? 0 : Math.min(k, n - k) + (k > n - k ? 0.5 : 0);
        return e.flipped() ? 1 + turns * 1.1 : turns;
    }

    private void check(DiscreteRotation e) {
        if (e.order() != n || (e.flipped() && !withFlips)) {
            throw new IllegalArgumentException(e + " is not an element of " + name());
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
