package dev.equivariance.audit;

/**
 * The smallest failing transformation found by shrinking: the element (and input) first seen failing, the simplest
 * one that still fails, their errors, and what shrinking cost.
 *
 * @param inputIndex which generated input the counterexample uses
 * @param inputShapes the shapes of that input, e.g. {@code [[4, 10, 3]]}
 */
public record Counterexample(String originalElement, double originalError, String element, double error,
                             int inputIndex, String inputShapes, int shrinkSteps, int evaluations) {
}
