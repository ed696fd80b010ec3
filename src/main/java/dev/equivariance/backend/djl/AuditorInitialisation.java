package dev.equivariance.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Locale;

/**
 * What the auditor does to a block it initialises itself, beyond DJL's initialisers: biases (and normalisation
 * shifts) that DJL starts at exactly zero are drawn from a normal distribution instead, because a zero bias hides the
 * bugs a bias causes (a bias added to vectors breaks rotation equivariance only once it is not zero). A block the
 * user initialised is never touched.
 */
final class AuditorInitialisation {

    /** The standard deviation of the biases drawn for parameters that start at zero. */
    static final double BIAS_STD = 0.1;

    private AuditorInitialisation() {
    }

    /**
     * Draws every all-zero {@link Parameter.Type#BIAS} and {@link Parameter.Type#BETA} parameter of a freshly
     * initialised block from N(0, {@value #BIAS_STD}^2), with the engine's random generator (seeded by the caller).
     *
     * @return the note for the report, or null when no parameter was changed
     */
    static String nonZeroBiases(Block block) {
        int changed = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (!param.isInitialized() || param.getType() != Parameter.Type.BIAS
                    && param.getType() != Parameter.Type.BETA) {
                continue;
            }
            NDArray a = param.getArray();
            if (a.getShape().size() == 0 || !allZero(a)) {
                continue;
            }
            try (NDArray noise = a.getManager().randomNormal(0f, (float) BIAS_STD, a.getShape(), a.getDataType())) {
                a.setRequiresGradient(false);
                a.addi(noise);
                if (param.requiresGradient()) {
                    a.setRequiresGradient(true);
                }
            }
            changed++;
        }
        if (changed == 0) {
            return null;
        }
        return String.format(Locale.ROOT, "The auditor initialised the block (DJL's initialisers, engine seed %d) "
                + "and drew its %d bias parameter(s) that start at zero from N(0, %.1f^2), so that bugs a zero bias "
                + "hides show; a block you initialise yourself is audited as it is.", DjlModelAdapter.INIT_SEED,
                changed, BIAS_STD);
    }

    private static boolean allZero(NDArray a) {
        try (NDArray nonZero = a.countNonzero()) {
            return nonZero.getLong() == 0;
        }
    }
}
