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
        List<SampledElement> out = new ArrayList<>();
        List<? extends GroupElement> edges = edgeCases ? group.edgeCases() : List.of();
        int edgeBudget = count >= 8 ? Math.max(1, count / 2) : count;
        for (GroupElement e : edges) {
            if (out.size() >= Math.min(edgeBudget, count)) {
                break;
            }
            out.add(new SampledElement(e, true));
        }
        while (out.size() < count) {
            out.add(new SampledElement(group.random(rng), false));
        }
        return out;
    }
}
