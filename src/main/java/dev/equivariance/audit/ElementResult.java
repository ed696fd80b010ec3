package dev.equivariance.audit;

/** The errors of one group element over all inputs, for per-element tables and plots. */
public record ElementResult(String element, boolean edgeCase, double maxRelative, double meanRelative,
                            double maxAbsolute) {
}
