package dev.equivariance.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;

/** Discrete circular translations Z(n1) x Z(n2) x ... (e.g. Z(H) x Z(W) for images with periodic boundaries). */
public final class TranslationGroup implements Group<Translation> {

    private final int[] moduli;

    public TranslationGroup(int... moduli) {
        if (moduli.length == 0) {
            throw new IllegalArgumentException("A translation group needs at least one axis size, e.g. Z(8)");
        }
        for (int m : moduli) {
            if (m < 1) {
                throw new IllegalArgumentException("Cyclic group size must be positive, got " + m);
            }
        }
        this.moduli = moduli.clone();
    }

    /** The cyclic group sizes, one per translated axis. */
    public int[] moduli() {
        return moduli.clone();
    }

    @Override
    public String name() {
        StringJoiner j = new StringJoiner("x");
        for (int m : moduli) {
            j.add("Z(" + m + ")");
        }
        return j.toString();
    }

    @Override
    public Translation identity() {
        return Translation.of(new int[moduli.length], moduli);
    }

    @Override
    public List<Translation> generators() {
        List<Translation> gens = new ArrayList<>();
        for (int k = 0; k < moduli.length; k++) {
            if (moduli[k] > 1) {
                gens.add(unit(k, 1));
            }
        }
        return gens;
    }

    private Translation unit(int axis, int shift) {
        int[] s = new int[moduli.length];
        s[axis] = shift;
        return Translation.of(s, moduli);
    }

    @Override
    public Translation random(RandomGenerator rng) {
        int[] s = new int[moduli.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = rng.nextInt(moduli[k]);
        }
        return Translation.of(s, moduli);
    }

    @Override
    public List<Translation> edgeCases() {
        Set<Translation> cases = new LinkedHashSet<>();
        cases.add(identity());
        cases.addAll(generators());
        for (int k = 0; k < moduli.length; k++) {
            cases.add(unit(k, -1));
            cases.add(unit(k, moduli[k] / 2));
        }
        int[] ones = new int[moduli.length];
        Arrays.fill(ones, 1);
        cases.add(Translation.of(ones, moduli));
        return List.copyOf(cases);
    }

    @Override
    public Class<Translation> elementType() {
        return Translation.class;
    }

    /** Shrinks toward a unit shift on one axis: zero out axes, then move each shift toward +-1. */
    @Override
    public List<Translation> simplerThan(Translation element) {
        Set<Translation> out = new LinkedHashSet<>();
        int[] s = new int[moduli.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = element.signedShift(k);
        }
        for (int k = 0; k < s.length; k++) {
            if (s[k] != 0) {
                out.add(unit(k, Integer.signum(s[k])));
                out.add(unit(k, s[k]));
            }
        }
        for (int k = 0; k < s.length; k++) {
            if (s[k] != 0) {
                int[] z = s.clone();
                z[k] = 0;
                out.add(Translation.of(z, moduli));
                int[] half = s.clone();
                half[k] = s[k] / 2;
                out.add(Translation.of(half, moduli));
                int[] step = s.clone();
                step[k] = s[k] - Integer.signum(s[k]);
                out.add(Translation.of(step, moduli));
            }
        }
        out.remove(element);
        out.remove(identity());
        List<Translation> list = new ArrayList<>(out);
        list.removeIf(c -> complexity(c) >= complexity(element));
        list.sort(Comparator.comparingDouble(this::complexity));
        return list;
    }

    /** Number of shifted axes, then the sizes of the shifts (positive shifts count as simpler). */
    @Override
    public double complexity(Translation element) {
        double c = 0;
        for (int k = 0; k < moduli.length; k++) {
            int s = element.signedShift(k);
            if (s != 0) {
                c += 1000 + Math.abs(s) + (s < 0 ? 0.5 : 0);
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return name();
    }
}
