package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Batch composition: runs each sample alone and inside a batch. Different outputs mean the model couples the rows
 * of a batch (batch norm in training mode, batch-level statistics), so every comparison depends on what else was in
 * the batch, and the audit's stacked evaluations disagree even for the identity.
 */
final class BatchCouplingDetector {

    private BatchCouplingDetector() {
    }

    static Optional<Issue> examine(AuditedModel model, List<HostArray> sample, List<HostArray> other,
                                   Tolerance tolerance) {
        List<HostArray> batch = sample;
        if (sample.get(0).shape()[0] < 2) {
            if (other == null) {
                return Optional.empty();
            }
            batch = new ArrayList<>();
            for (int k = 0; k < sample.size(); k++) {
                batch.add(HostRuns.stack(List.of(sample.get(k), other.get(k))));
            }
        }
        int rows = (int) batch.get(0).shape()[0];
        for (HostArray h : batch) {
            if (h.shape()[0] != rows) {
                return Optional.empty();
            }
        }
        List<HostArray> together = HostRuns.forward(model, batch);
        double worst = 0;
        int worstRow = 0;
        for (int i = 0; i < rows; i++) {
            List<HostArray> alone = new ArrayList<>();
            for (HostArray h : batch) {
                alone.add(HostRuns.row(h, i));
            }
            List<HostArray> single = HostRuns.forward(model, alone);
            for (int j = 0; j < single.size(); j++) {
                HostArray t = together.get(j);
                if (t.shape()[0] != rows) {
                    return Optional.empty();
                }
                double e = HostRuns.relative(single.get(j).data(), HostRuns.row(t, i).data());
                if (!(e <= worst)) {
                    worst = e;
                    worstRow = i;
                }
            }
        }
        if (tolerance.passes(worst)) {
            return Optional.empty();
        }
        return Optional.of(new Issue(IssueKind.BATCH_COMPOSITION_DEPENDENCE,
                "A sample's output changes with the other samples in its batch: batch norm in training mode (or "
                        + "another batch-level statistic) couples the rows, so f(g x) and f(x) differ whenever they "
                        + "are computed in different batches, even for the identity.", "batch axis (normalisation "
                        + "layers)", Issue.Severity.ERROR,
                "Audit (and deploy) the model in eval mode so batch norm uses its running statistics, or replace "
                        + "batch norm by LayerNorm / GroupNorm, which normalise each sample on its own.",
                String.format(Locale.ROOT, "row %d alone vs inside a batch of %d: relative difference %.3g",
                        worstRow, rows, worst)));
    }
}
