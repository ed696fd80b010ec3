package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * What one audit knows about its batch axis, shared by the audit's shape contexts: the declaration, and the first
 * verification's finding, so that an audit of many input sizes pays for the check once.
 */
final class BatchKnowledge {

    private static final long OTHER_INPUT_SEED = 0x5DEECE66DL;

    private final AuditSpec spec;
    private final double threshold;
    private BatchFinding found;

    /**
     * @param threshold the relative difference below which rows run together and apart count as equal: well below the
     *     pass threshold, so that stacking can never move an error across it
     */
    BatchKnowledge(AuditSpec spec, Tolerance tolerance) {
        this.spec = spec;
        this.threshold = Math.sqrt(tolerance.exact() * tolerance.pass());
    }

    BatchAxis declared() {
        return spec.batchAxis();
    }

    double threshold() {
        return threshold;
    }

    /** Whether the batch axis has been examined already in this audit. */
    boolean known() {
        return found != null;
    }

    /** The audit's finding, measured by {@code probe} the first time it is asked for. */
    BatchFinding find(Supplier<BatchFinding> probe) {
        if (found == null) {
            found = probe.get();
        }
        return found;
    }

    /**
     * A second input of the same shapes as {@code like}, drawn from the spec's input sources with a fixed seed, so
     * the check is the same on every run.
     */
    List<HostArray> otherInput(List<HostArray> like) {
        SplittableRandom rng = new SplittableRandom(OTHER_INPUT_SEED);
        List<HostArray> out = new ArrayList<>();
        List<long[]> shapes = like.stream().map(HostArray::shape).toList();
        for (int k = 0; k < like.size(); k++) {
            out.add(like.get(k).with(Inputs.sample(spec, k, shapes, rng), shapes.get(k)));
        }
        return out;
    }
}
