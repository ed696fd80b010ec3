package dev.equivariance.audit;

import java.util.List;

/**
 * What the audit's self-check found: known symmetry breaks planted in mutants of the model, each audited with the same
 * declaration and budget. A sound declaration detects every one; one that detects none cannot fail.
 *
 * @param planted the number of mutants audited
 * @param detected how many of them the audit caught: their comparisons did not pass
 * @param located how many layer mutants the layer-wise audit traced to the layer the break was planted after
 * @param mutants each mutant, in the order planted
 */
public record SelfCheckResult(int planted, int detected, int located, List<Mutant> mutants) {

    public SelfCheckResult {
        mutants = List.copyOf(mutants);
    }

    /**
     * One planted break.
     *
     * @param name what was planted and where, e.g. {@code after layer 02Conv2d}
     * @param detected whether the audit of the mutant caught the break (its largest error does not pass)
     * @param error the mutant audit's largest relative error
     * @param location where the mutant audit located the break (its first breaking layer, or its first issue's
     *                 location), or an empty string
     */
    public record Mutant(String name, boolean detected, double error, String location) {
    }
}
