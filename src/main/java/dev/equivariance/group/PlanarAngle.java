package dev.equivariance.group;

import java.util.Optional;

/**
 * The in-plane rotation angle of an element of C(N), D(N), C4/D4, SO(2) or O(2) (or of such a factor of a product
 * element), for plots of error against angle. Reflections report the angle of the rotation that follows the flip.
 *
 * @param degrees the counter-clockwise rotation angle in [0, 360)
 * @param reflected whether the element includes a reflection (flip)
 */
public record PlanarAngle(double degrees, boolean reflected) {

    /** The planar angle of an element, or empty when it has no in-plane rotation part. */
    public static Optional<PlanarAngle> of(GroupElement g) {
        Optional<DiscreteRotation> d = g.part(DiscreteRotation.class);
        if (d.isPresent()) {
            return Optional.of(new PlanarAngle(360.0 * d.get().steps() / d.get().order(), d.get().flipped()));
        }
        Optional<SquareSymmetry> s = g.part(SquareSymmetry.class);
        if (s.isPresent()) {
            return Optional.of(new PlanarAngle(90.0 * s.get().quarterTurns(), s.get().flipped()));
        }
        Optional<PlanarRotation> p = g.part(PlanarRotation.class);
        if (p.isPresent()) {
            double deg = Math.toDegrees(p.get().angle());
            deg = deg < 0 ? deg + 360 : deg;
            return Optional.of(new PlanarAngle(deg >= 360 ? 0 : deg, p.get().reflected()));
        }
        return Optional.empty();
    }

    /** Whether the angle is a multiple of 90 degrees (within 1e-9 degrees), where grid rotations are exact. */
    public boolean quarterTurn() {
        double q = degrees / 90;
        return Math.abs(q - Math.rint(q)) < 1e-11;
    }
}
