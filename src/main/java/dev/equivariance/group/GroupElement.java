package dev.equivariance.group;

import java.util.Optional;

/**
 * An element of a symmetry group. Elements are immutable values; {@link Object#toString() toString()} is meant for people
 * (it appears in audit reports as the transformation that breaks a model).
 */
public interface GroupElement {

    /**
     * The composition {@code this ∘ other}: act with {@code other} first, then with {@code this}.
     *
     * @throws IllegalArgumentException when {@code other} belongs to another group
     */
    GroupElement compose(GroupElement other);

    /** The inverse element. */
    GroupElement inverse();

    /** Whether this is the identity (within floating-point round-off for continuous groups). */
    boolean isIdentity();

    /**
     * The part of this element of the given type: the element itself when it is one, or the matching factor of a
     * product element. Actions use it to pick what they act with, so an action written for rotations also works
     * for the rotation factor of {@code SO(3) x S(n)}.
     */
    default <T> Optional<T> part(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
