package dev.equivariance.search;

import dev.equivariance.group.EuclideanGroup;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalGroup;
import dev.equivariance.group.PlanarRotationGroup;
import dev.equivariance.group.ProductGroup;
import dev.equivariance.group.RotationGroup;
import dev.equivariance.group.SquareGroup;
import dev.equivariance.group.SymmetricGroup;
import dev.equivariance.group.TranslationGroup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Draws the elements of an audit: the group's edge cases first (identity first), then random (generic) elements.
 * Edge cases never take the whole budget: at least one random element is drawn whenever edge cases are on and the
 * budget is at least one, so a model broken only away from the special elements (exact for quarter turns and unit
 * shifts, say) still meets a generic one.
 */
public final class ElementSampler {

    /** Finite groups up to this order are enumerated when the budget covers them. */
    private static final long ENUMERATE_UP_TO = 100_000;

    private ElementSampler() {
    }

    /**
     * {@code count} elements: edge cases (at most half of them when {@code count >= 8}, all but one below that, so
     * random elements always get their share), then random (Haar) elements from {@code rng}.
     */
    public static List<SampledElement> draw(Group<?> group, int count, RandomGenerator rng) {
        return draw(group, count, rng, true);
    }

    /** As {@link #draw(Group, int, RandomGenerator)}, optionally without edge cases (random elements only). */
    public static List<SampledElement> draw(Group<?> group, int count, RandomGenerator rng, boolean edgeCases) {
        return draw(group, count, rng, edgeCases, false);
    }

    /**
     * As {@link #draw(Group, int, RandomGenerator, boolean)}; with {@code distinct}, every element at most once, so a
     * small finite group (C4 has four elements) gives fewer than {@code count}: testing a deterministic model twice
     * with the same element and input proves nothing new. A finite group whose order the budget covers is tested
     * whole (the elements random draws missed are added by closing the generators).
     */
    public static List<SampledElement> draw(Group<?> group, int count, RandomGenerator rng, boolean edgeCases,
                                            boolean distinct) {
        List<SampledElement> out = new ArrayList<>();
        Set<GroupElement> seen = new HashSet<>();
        List<? extends GroupElement> edges = edgeCases ? group.edgeCases() : List.of();
        int edgeBudget = count >= 8 ? Math.max(1, count / 2) : Math.max(0, count - 1);
        List<GroupElement> unused = new ArrayList<>();
        for (GroupElement e : edges) {
            if (out.size() >= Math.min(edgeBudget, count)) {
                unused.add(e);
                continue;
            }
            if (!distinct || seen.add(e)) {
                out.add(new SampledElement(e, true));
            }
        }
        int misses = 0;
        while (out.size() < count && misses < 64) {
            GroupElement e = group.random(rng);
            if (distinct && !seen.add(e)) {
                misses++;
                continue;
            }
            misses = 0;
            out.add(new SampledElement(e, false));
        }
        // a small finite group: the edge cases left out, then whatever random draws missed
        for (GroupElement e : unused) {
            if (out.size() >= count) {
                break;
            }
            if (!distinct || seen.add(e)) {
                out.add(new SampledElement(e, true));
            }
        }
        OptionalLong order = order(group);
        if (distinct && out.size() < count && order.isPresent() && out.size() < order.getAsLong()
                && order.getAsLong() <= ENUMERATE_UP_TO) {
            for (GroupElement e : closure(group, count)) {
                if (out.size() >= count) {
                    break;
                }
                if (seen.add(e)) {
                    out.add(new SampledElement(e, false));
                }
            }
        }
        return out;
    }

    /** The elements the generators reach from the identity, breadth first, at most {@code limit} of them. */
    private static List<GroupElement> closure(Group<?> group, int limit) {
        List<GroupElement> all = new ArrayList<>();
        Set<GroupElement> known = new HashSet<>();
        Deque<GroupElement> queue = new ArrayDeque<>();
        GroupElement id = group.identity();
        known.add(id);
        queue.add(id);
        List<? extends GroupElement> generators = group.generators();
        while (!queue.isEmpty() && all.size() < limit + 1) {
            GroupElement e = queue.poll();
            all.add(e);
            for (GroupElement g : generators) {
                GroupElement next = g.compose(e);
                if (known.add(next)) {
                    queue.add(next);
                }
            }
        }
        return all;
    }

    /**
     * The number of elements of a built-in finite group ({@code S(n)}, {@code Z(n)}, {@code C4}, {@code D4} and
     * their products; saturating at {@link Long#MAX_VALUE}), empty for continuous groups and groups this class does
     * not know.
     */
    public static OptionalLong order(Group<?> group) {
        if (group instanceof SymmetricGroup s) {
            long f = 1;
            for (int i = 2; i <= s.degree(); i++) {
                f = saturatingTimes(f, i);
            }
            return OptionalLong.of(f);
        }
        if (group instanceof TranslationGroup t) {
            long n = 1;
            for (int m : t.moduli()) {
                n = saturatingTimes(n, m);
            }
            return OptionalLong.of(n);
        }
        if (group instanceof SquareGroup sq) {
            return OptionalLong.of(sq.hasFlips() ? 8 : 4);
        }
        if (group instanceof ProductGroup p) {
            long n = 1;
            for (Group<?> f : p.factors()) {
                OptionalLong o = order(f);
                if (o.isEmpty()) {
                    return OptionalLong.empty();
                }
                n = saturatingTimes(n, o.getAsLong());
            }
            return OptionalLong.of(n);
        }
        return OptionalLong.empty();
    }

    /** Whether the group is continuous (rotations, rigid motions, or a product with one of them). */
    public static boolean continuous(Group<?> group) {
        if (group instanceof RotationGroup || group instanceof OrthogonalGroup || group instanceof PlanarRotationGroup
                || group instanceof EuclideanGroup) {
            return true;
        }
        return group instanceof ProductGroup p && p.factors().stream().anyMatch(ElementSampler::continuous);
    }

    private static long saturatingTimes(long a, long b) {
        long r = a * b;
        return a != 0 && (r / a != b || r < 0) ? Long.MAX_VALUE : r;
    }
}
