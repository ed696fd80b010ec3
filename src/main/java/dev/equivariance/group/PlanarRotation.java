package dev.equivariance.group;

/**
 * An element of O(2) (of SO(2) when not reflected): first an optional reflection y -> -y, then a rotation by
 * {@code angle} radians counter-clockwise. Prints as {@code PlanarRotation(angle=0.52 rad)}.
 */
public final class PlanarRotation implements OrthogonalMatrix {

    private final double angle;
    private final boolean reflected;

    private PlanarRotation(double angle, boolean reflected) {
        this.angle = Angles.wrap(angle);
        this.reflected = reflected;
    }

    public static PlanarRotation of(double angle) {
        return new PlanarRotation(angle, false);
    }

    /** The reflection y -> -y followed by a rotation by {@code angle}. */
    public static PlanarRotation reflectionThenRotation(double angle) {
        return new PlanarRotation(angle, true);
    }

    /** The rotation angle in (-pi, pi]. */
    public double angle() {
        return angle;
    }

    public boolean reflected() {
        return reflected;
    }

    @Override
    public double[][] matrix() {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return reflected ? new double[][] {{c, s}, {s, -c}} : new double[][] {{c, -s}, {s, c}};
    }

    @Override
    public int determinant() {
        return reflected ? -1 : 1;
    }

    @Override
    public PlanarRotation compose(GroupElement other) {
        if (!(other instanceof PlanarRotation o)) {
            throw new IllegalArgumentException("Cannot compose " + this + " with " + other);
        }
        // (R_a F^s)(R_b F^t) = R_(a + (-1)^s b) F^(s+t)
        return new PlanarRotation(angle + (reflected ? -o.angle : o.angle), reflected ^ o.reflected);
    }

    @Override
    public PlanarRotation inverse() {
        return reflected ? this : new PlanarRotation(-angle, false);
    }

    @Override
    public boolean isIdentity() {
        return !reflected && Math.abs(angle) < 1e-12;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlanarRotation p && p.reflected == reflected
                && Double.doubleToLongBits(p.angle) == Double.doubleToLongBits(angle);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(angle) * 2 + (reflected ? 1 : 0);
    }

    @Override
    public String toString() {
        String rot = "PlanarRotation(angle=" + Angles.format(angle) + " rad)";
        return reflected ? (Math.abs(angle) < 1e-12 ? "Reflection(y->-y)" : rot + "·Reflection(y->-y)") : rot;
    }
}
