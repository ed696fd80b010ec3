package dev.equivariance.search;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Draws the elements of an audit: the group's edge cases first (identity first), then random elements. */
public final class ElementSampler {

    private ElementSampler() {
    }

    /**
     * {@code count} elements: up to {@code count} edge cases (at most half of them when {@code count >= 8}, so random
     * elements always get their share), then random (Haar) elements from {@code rng}.
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
     * with the same element and input proves nothing new.
     */
    public static List<SampledElement> draw(Group<?> group, int count, RandomGenerator rng, boolean edgeCases,
                                            boolean distinct) {
        List<SampledElement> out = new ArrayList<>();
        java.util.Set<GroupElement> seen = new java.util.HashSet<>();
        List<? extends GroupElement> edges = edgeCases ? group.edgeCases() : List.of();
        int edgeBudget = count >= 8 ? Math.max(1, count / 2) : count;
        for (GroupElement e : edges) {
            if (out.size() >= Math.min(edgeBudget, count)) {
                break;
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
        return out;
    }
}
