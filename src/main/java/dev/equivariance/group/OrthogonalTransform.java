package dev.equivariance.group;

import java.util.Objects;

/**
 * An element of O(3): a rotation, optionally followed by the inversion x -> -x (which commutes with everything).
 * Its matrix is {@code (-1)^inversion R}.
 */
public final class OrthogonalTransform implements OrthogonalMatrix {

    private final Rotation rotation;
    private final boolean inversion;

    private OrthogonalTransform(Rotation rotation, boolean inversion) {
        this.rotation = Objects.requireNonNull(rotation);
        this.inversion = inversion;
    }

    public static OrthogonalTransform of(Rotation rotation, boolean inversion) {
        return new OrthogonalTransform(rotation, inversion);
    }

    public static OrthogonalTransform rotation(Rotation rotation) {
        return new OrthogonalTransform(rotation, false);
    }

    /** The inversion x -> -x. */
    public static OrthogonalTransform inversion() {
        return new OrthogonalTransform(Rotation.identity(), true);
    }

    /** The rotation part R (det +1). */
    public Rotation rotationPart() {
        return rotation;
    }

    /** Whether the inversion is applied (det -1). */
    public boolean hasInversion() {
        return inversion;
    }

    @Override
    public double[][] matrix() {
        return inversion ? Matrices.scale(rotation.matrix(), -1) : rotation.matrix();
    }

    @Override
    public int determinant() {
        return inversion ? -1 : 1;
    }

    @Override
    public OrthogonalTransform compose(GroupElement other) {
        if (other instanceof Rotation r) {
            return new OrthogonalTransform(rotation.compose(r), inversion);
        }
        if (!(other instanceof OrthogonalTransform o)) {
            throw new IllegalArgumentException("Cannot compose " + this + " with " + other);
        }
        return new OrthogonalTransform(rotation.compose(o.rotation), inversion ^ o.inversion);
    }

    @Override
    public OrthogonalTransform inverse() {
        return new OrthogonalTransform(rotation.inverse(), inversion);
    }

    @Override
    public boolean isIdentity() {
        return !inversion && rotation.isIdentity();
    }

    @Override
    public <T> java.util.Optional<T> part(Class<T> type) {
        if (type == Rotation.class && !inversion) {
            return java.util.Optional.of(type.cast(rotation));
        }
        return OrthogonalMatrix.super.part(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrthogonalTransform t && t.inversion == inversion && t.rotation.equals(rotation);
    }

    @Override
    public int hashCode() {
        return rotation.hashCode() * 2 + (inversion ? 1 : 0);
    }

    @Override
    public String toString() {
        if (!inversion) {
            return rotation.toString();
        }
        return rotation.isIdentity() ? "Inversion" : "Inversion·" + rotation;
    }
}
