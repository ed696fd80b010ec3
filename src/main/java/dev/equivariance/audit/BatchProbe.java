package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds out whether axis 0 holds independent samples, at the cost of one forward pass of a doubled batch: the rows
 * of f(stack(a, b)) that belong to a are compared with f(a), which the audit has already computed (a graph's nodes
 * would see b's nodes, batch statistics b's samples); when the model refuses the larger batch (an export with a fixed batch size), rows
 * 1.. of {@code a} are replaced by those of {@code b} and row 0's output must not change. Rows are never run alone,
 * so a graph is never cut into single nodes.
 */
final class BatchProbe {

    private BatchProbe() {
    }

    /**
     * @param a an input, with {@code fa} its outputs
     * @param b another input of the same shapes
     * @param threshold the largest relative difference that counts as equal (the dtype's precision)
     */
    static BatchFinding examine(AuditedModel model, List<HostArray> a, List<HostArray> fa, List<HostArray> b,
                                double threshold) {
        List<HostArray> together;
        try {
            together = HostRuns.forward(model, stack(a, b));
        } catch (RuntimeException refused) {
            return replaceOtherRows(model, a, fa, b, threshold);
        }
        // a's rows must not notice b's: a graph would see extra nodes, batch statistics other samples
        double gap = 0;
        for (int j = 0; j < fa.size(); j++) {
            HostArray t = together.get(j);
            long rows = fa.get(j).shape().length == 0 ? -1 : fa.get(j).shape()[0];
            if (t.shape().length != fa.get(j).shape().length || rows < 1 || t.shape()[0] != 2 * rows) {
                return BatchFinding.of(BatchFinding.Kind.OUTPUT_LOSES_BATCH);
            }
            gap = Math.max(gap, HostRuns.relative(HostRuns.rows(t, 0, rows).data(), fa.get(j).data()));
        }
        return new BatchFinding(gap <= threshold ? BatchFinding.Kind.VERIFIED_INDEPENDENT
                : BatchFinding.Kind.ROWS_INTERACT, gap, false);
    }

    /**
     * Whether the model's rows interact only through statistics of the whole batch (batch norm in training mode):
     * then a batch made of {@code a} twice gives {@code f(a)} twice, as means and variances do not change. Empty when
     * the model refuses the doubled batch.
     */
    static java.util.Optional<Boolean> duplicatesAgree(AuditedModel model, List<HostArray> a, List<HostArray> fa,
                                                       double threshold) {
        List<HostArray> twice;
        try {
            twice = HostRuns.forward(model, stack(a, a));
        } catch (RuntimeException refused) {
            return java.util.Optional.empty();
        }
        for (int j = 0; j < fa.size(); j++) {
            HostArray t = twice.get(j);
            long rows = fa.get(j).shape().length == 0 ? -1 : fa.get(j).shape()[0];
            if (t.shape().length != fa.get(j).shape().length || rows < 1 || t.shape()[0] != 2 * rows) {
                return java.util.Optional.empty();
            }
            double gap = Math.max(HostRuns.relative(HostRuns.rows(t, 0, rows).data(), fa.get(j).data()),
                    HostRuns.relative(HostRuns.rows(t, rows, rows).data(), fa.get(j).data()));
            if (!(gap <= threshold)) {
                return java.util.Optional.of(false);
            }
        }
        return java.util.Optional.of(true);
    }

    /** The fixed-batch probe: row 0 kept, every other row replaced; row 0's output must stay. */
    private static BatchFinding replaceOtherRows(AuditedModel model, List<HostArray> a, List<HostArray> fa,
                                                 List<HostArray> b, double threshold) {
        long rows = a.get(0).shape()[0];
        for (HostArray h : a) {
            if (h.shape()[0] != rows) {
                return BatchFinding.of(BatchFinding.Kind.UNKNOWN);
            }
        }
        if (rows < 2) {
            return BatchFinding.of(BatchFinding.Kind.UNKNOWN);
        }
        List<HostArray> mixed = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            mixed.add(HostRuns.stack(List.of(HostRuns.rows(a.get(k), 0, 1),
                    HostRuns.rows(b.get(k), 1, rows - 1))));
        }
        List<HostArray> out = HostRuns.forward(model, mixed);
        double gap = 0;
        for (int j = 0; j < fa.size(); j++) {
            HostArray y = out.get(j);
            if (fa.get(j).shape().length == 0 || y.shape()[0] != fa.get(j).shape()[0] || fa.get(j).shape()[0] != rows) {
                return new BatchFinding(BatchFinding.Kind.OUTPUT_LOSES_BATCH, Double.NaN, true);
            }
            gap = Math.max(gap, HostRuns.relative(HostRuns.rows(y, 0, 1).data(),
                    HostRuns.rows(fa.get(j), 0, 1).data()));
        }
        return new BatchFinding(gap <= threshold ? BatchFinding.Kind.VERIFIED_INDEPENDENT
                : BatchFinding.Kind.ROWS_INTERACT, gap, true);
    }

    /** Two inputs stacked along axis 0. */
    static List<HostArray> stack(List<HostArray> a, List<HostArray> b) {
        List<HostArray> out = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            out.add(HostRuns.stack(List.of(a.get(k), b.get(k))));
        }
        return out;
    }
}
