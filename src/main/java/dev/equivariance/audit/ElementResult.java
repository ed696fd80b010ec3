package dev.equivariance.audit;

/**
 * The errors of one group element over all inputs, for per-element tables and plots.
 *
 * @param element the element as printed
 * @param distance how far the element is from the identity in the group's own measure (rotation angle, moved
 *                 points, shift sizes), the x axis of "error per element" plots
 * @param angleDegrees the element's in-plane rotation angle in [0, 360) for C(N), D(N), C4/D4, SO(2) and O(2)
 *                     (the x axis of the error-against-angle plot), NaN for elements without one
 * @param reflected whether the element includes a reflection (meaningful with an angle)
 */
public record ElementResult(String element, boolean edgeCase, double distance, double maxRelative,
                           double meanRelative, double maxAbsolute, double angleDegrees, boolean reflected) {

    /** A result for an element without an in-plane angle. */
    public ElementResult(String element, boolean edgeCase, double distance, double maxRelative, double meanRelative,
                         double maxAbsolute) {
        this(element, edgeCase, distance, maxRelative, meanRelative, maxAbsolute, Double.NaN, false);
    }

    /** Whether the element has an in-plane rotation angle. */
    public boolean hasAngle() {
        return !Double.isNaN(angleDegrees);
    }
}
