package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.ProductElement;

/** Finds the part of a group element an action acts with, by type and optionally by product factor. */
final class Parts {

    private Parts() {
    }

    static <T> T of(GroupElement g, Class<T> type, int factor, String action) {
        GroupElement source = g;
        if (factor >= 0) {
            if (!(g instanceof ProductElement p) || factor >= p.factors().size()) {
                throw new IllegalArgumentException(action + ": factor=" + factor + " names no factor of " + g);
            }
            source = p.factor(factor);
        }
        return source.part(type).orElseThrow(() -> new IllegalArgumentException(action + " needs a group element with a "
                + type.getSimpleName() + " part, but got " + g));
    }

    /** Checks at spec time that the group's elements have the needed part; returns the identity's part. */
    static <T> T check(Group<?> group, Class<T> type, int factor, String action, String hint) {
        try {
            return of(group.identity(), type, factor, action);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(action + " does not fit the group " + group.name() + ": "
                    + e.getMessage() + ". " + hint, e);
        }
    }
}
