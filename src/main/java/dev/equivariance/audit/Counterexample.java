package dev.equivariance.audit;

import java.util.List;

/**
 * The smallest failing transformation found by shrinking: the element (and input) first seen failing, the simplest
 * one that still fails, their errors, how the input was simplified, and what shrinking cost.
 *
 * @param inputIndex which generated input the counterexample started from
 * @param originalInputShapes the shapes of that input, e.g. {@code [[4, 10, 3]]}
 * @param inputShapes the shapes after shrinking (fewer points, a batch of one)
 * @param inputChanges the simplifications applied to the input, in order
 * @param inputValues the shrunk input's values when it is small (at most 64 numbers), else empty
 * @param shrinkSteps accepted simplifications (of element or input)
 * @param evaluations model forward passes spent shrinking and replaying
 */
public record Counterexample(String originalElement, double originalError, String element, double error,
                             int inputIndex, String originalInputShapes, String inputShapes, List<String> inputChanges,
                             String inputValues, int shrinkSteps, int evaluations) {

    public Counterexample {
        inputChanges = List.copyOf(inputChanges);
    }
}
