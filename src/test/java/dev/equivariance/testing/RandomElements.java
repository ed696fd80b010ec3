package dev.equivariance.testing;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded draws of group elements for tests. */
public final class RandomElements {

    private RandomElements() {
    }

    /** {@code count} elements drawn from the group's own distribution with a fixed seed. */
    public static List<GroupElement> draw(Group<?> group, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<GroupElement> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(group.random(rng));
        }
        return out;
    }
}
