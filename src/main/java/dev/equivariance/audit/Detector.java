package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import java.util.List;
import java.util.Optional;

/**
 * One failure-mode detector of the diagnosis: the audit's context in, a finding (or nothing) out. Diagnosis runs the
 * detectors in their order of precedence and reports the first finding, so a report names one cause. To add a failure
 * mode, write a detector, give it an {@link IssueKind}, and place it in {@link Diagnosis}'s list.
 */
@FunctionalInterface
interface Detector {

    /**
     * @return what explains the result, or empty when this failure mode does not
     * @throws RuntimeException when the detector cannot run on this model (it then finds nothing)
     */
    Optional<Finding> examine(Context context);

    /**
     * What a detector sees.
     *
     * @param sample the first generated input
     * @param samples the inputs the layer and gradient audits used (the first one or two)
     * @param probe up to eight non-identity elements, worst first
     * @param layers the layer-wise results (empty when not run)
     * @param layerAudit the layer-wise audit that produced them, or null
     * @param verdict the end-to-end verdict before diagnosis
     * @param level the level of the worst end-to-end error
     * @param maxError the worst end-to-end relative error
     * @param identityError the worst error at the identity element
     */
    record Context(AuditSpec spec, AuditedModel model, ShapeContext main, Tolerance tolerance, List<HostArray> sample,
                   List<List<HostArray>> samples, List<GroupElement> probe, List<LayerResult> layers,
                   LayerAudit layerAudit, Verdict verdict, Level level, double maxError, double identityError) {

        boolean failing() {
            return verdict != Verdict.PASS;
        }
    }

    /**
     * What a detector found: the issue, the verdict after it (a batch dependence turns a PASS into NEEDS_ATTENTION,
     * round-off a FAIL into NEEDS_ATTENTION), a note saying so, and a per-position error map for boundary effects.
     */
    record Finding(Issue issue, Verdict verdict, Optional<String> note, Optional<double[][]> positionErrors) {

        /** A finding that explains the result and leaves the verdict as it is. */
        static Finding of(Issue issue, Verdict verdict) {
            return new Finding(issue, verdict, Optional.empty(), Optional.empty());
        }
    }
}
