package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells apart the ways rows of axis 0 can fail to be independent samples. Rows that interact by design (a graph or
 * point cloud without a batch axis) are no defect; rows that interact only through statistics of the batch (batch
 * norm in training mode) are "batch composition dependence"; rows that interact although axis 0 was declared a batch
 * of independent samples are named as such. Nondeterminism is found elsewhere, from the very same input run twice.
 * Rows are never run alone, so no graph is cut into single nodes.
 */
final class BatchCompositionDetector {

    private BatchCompositionDetector() {
    }

    /**
     * @param sample the first input of the audit
     * @param failing whether the end-to-end audit failed (the issue is then an error, otherwise a warning)
     */
    static Optional<Issue> examine(AuditedModel model, ShapeContext main, List<HostArray> sample, boolean failing) {
        BatchFinding finding = main.evaluator.batchFinding();
        BatchKnowledge knowledge = main.evaluator.batchKnowledge();
        if (finding == null) {
            return Optional.empty();
        }
        boolean declared = finding.kind() == BatchFinding.Kind.DECLARED_INDEPENDENT;
        List<HostArray> fa = null;
        if (declared) {
            if (!failing) {
                return Optional.empty();
            }
            fa = HostRuns.forward(model, sample);
            finding = BatchProbe.examine(model, sample, fa, knowledge.otherInput(sample), knowledge.threshold());
        }
        if (finding.kind() != BatchFinding.Kind.ROWS_INTERACT) {
            return Optional.empty();
        }
        Optional<Boolean> batchNorm = model.normalisesOverBatch();
        Optional<Boolean> duplicates = Optional.empty();
        if (batchNorm.isEmpty() && !finding.fixedBatch()) {
            List<HostArray> out = fa != null ? fa : HostRuns.forward(model, sample);
            duplicates = BatchProbe.duplicatesAgree(model, sample, out, knowledge.threshold());
        }
        boolean statistics = batchNorm.orElse(false) || duplicates.orElse(false);
        String measured = String.format(Locale.ROOT, finding.fixedBatch()
                ? "row 0's output changes when the other rows of its batch are replaced: relative difference %.3g"
                : "a batch run together with another input's rows gives other outputs than run alone: relative "
                + "difference %.3g", finding.gap());
        Issue.Severity severity = failing ? Issue.Severity.ERROR : Issue.Severity.WARNING;
        if (statistics) {
            String why = batchNorm.orElse(false) ? "; the model contains batch normalisation"
                    : "; a batch of the same input twice gives the same outputs twice, as batch statistics do";
            return Optional.of(new Issue(IssueKind.BATCH_COMPOSITION_DEPENDENCE,
                    "A sample's output changes with the other samples in its batch: batch norm in training mode (or "
                            + "another batch-level statistic) couples the rows, so a result depends on what else was "
                            + "in the batch, in this audit and in deployment.", "batch axis (normalisation layers)",
                    severity,
                    "Audit (and deploy) the model in eval mode so batch norm uses its running statistics, or replace "
                            + "batch norm by LayerNorm / GroupNorm, which normalise each sample on its own.",
                    measured + why));
        }
        if (declared) {
            return Optional.of(new Issue(IssueKind.INTERACTING_ROWS,
                    "Axis 0 was declared a batch of independent samples (batchAxis = INDEPENDENT), but its rows "
                            + "interact: stacking transformed inputs along it built one larger input, so the "
                            + "comparisons are not of the model on g x.", "batch axis", Issue.Severity.ERROR,
                    "For graph and point-cloud models (nodes along axis 0) declare batchAxis = NONE; otherwise check "
                            + "the model for batch norm or other operations across the batch.", measured));
        }
        return Optional.empty();
    }
}
