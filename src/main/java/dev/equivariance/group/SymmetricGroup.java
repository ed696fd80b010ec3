package dev.equivariance.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** The symmetric group S(n) of all permutations of n points. */
public final class SymmetricGroup implements Group<Permutation> {

    private final int n;

    public SymmetricGroup(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("S(n) needs n >= 1, got " + n);
        }
        this.n = n;
    }

    public int degree() {
        return n;
    }

    @Override
    public String name() {
        return "S(" + n + ")";
    }

    @Override
    public Permutation identity() {
        return Permutation.identity(n);
    }

    @Override
    public List<Permutation> generators() {
        return n < 2 ? List.of() : List.of(Permutation.transposition(n, 0, 1), Permutation.cycle(n));
    }

    @Override
    public Permutation random(RandomGenerator rng) {
        int[] p = identity().indices();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return Permutation.of(p);
    }

    @Override
    public List<Permutation> edgeCases() {
        Set<Permutation> cases = new LinkedHashSet<>();
        cases.add(identity());
        if (n >= 2) {
            cases.add(Permutation.transposition(n, 0, 1));
            cases.add(Permutation.transposition(n, n - 2, n - 1));
            cases.add(Permutation.transposition(n, 0, n - 1));
            cases.add(Permutation.cycle(n));
            int[] reversal = new int[n];
            for (int i = 0; i < n; i++) {
                reversal[i] = n - 1 - i;
            }
            cases.add(Permutation.of(reversal));
        }
        return List.copyOf(cases);
    }

    @Override
    public Class<Permutation> elementType() {
        return Permutation.class;
    }

    /**
     * Shrinks toward a single transposition of the lowest indices: transpositions within the moved points first,
     * then the permutation with one cycle broken, then with points moved lower.
     */
    @Override
    public List<Permutation> simplerThan(Permutation element) {
        int[] p = element.indices();
        Set<Permutation> out = new LinkedHashSet<>();
        if (element.isIdentity()) {
            return List.of();
        }
        // single transpositions (i p[i]) that the element performs, lowest first
        for (int i = 0; i < n; i++) {
            if (p[i] != i) {
                out.add(Permutation.transposition(n, Math.min(i, p[i]), Math.max(i, p[i])));
            }
        }
        // undo one point: fix i by swapping it back into place
        for (int i = 0; i < n; i++) {
            if (p[i] != i) {
                int[] q = p.clone();
                int j = indexOf(q, i);
                q[j] = q[i];
                q[i] = i;
                out.add(Permutation.of(q));
            }
        }
        // move a transposition toward lower indices
        if (element.movedPoints() == 2) {
            int a = -1;
            int b = -1;
            for (int i = 0; i < n; i++) {
                if (p[i] != i) {
                    if (a < 0) {
                        a = i;
                    } else {
                        b = i;
                    }
                }
            }
            if (b > a + 1) {
                out.add(Permutation.transposition(n, a, b - 1));
            }
            if (a > 0) {
                out.add(Permutation.transposition(n, a - 1, b));
            }
        }
        out.remove(element);
        // undoing the last moved point of a transposition gives the identity, which can never fail
        out.remove(identity());
        List<Permutation> list = new ArrayList<>(out);
        list.removeIf(c -> complexity(c) >= complexity(element));
        list.sort(Comparator.comparingDouble(this::complexity));
        return list;
    }

    /** Moved points first, then how far from the lowest indices they sit. */
    @Override
    public double complexity(Permutation element) {
        int[] p = element.indices();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (p[i] != i) {
                sum += 1.0 + i / (double) (n * n);
            }
        }
        return sum;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    @Override
    public String toString() {
        return name();
    }
}
