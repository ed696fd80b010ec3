package dev.equivariance.audit;

/**
 * The errors of one group element over all inputs, for per-element tables and plots.
 *
 * @param element the element as printed
 * @param distance how far the element is from the identity in the group's own measure (rotation angle, moved
 *                 points, shift sizes), the x axis of "error per element" plots
 */
public record ElementResult(String element, boolean edgeCase, double distance, double maxRelative,
                           double meanRelative, double maxAbsolute) {
}
