package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;

/** Runs a model on host inputs and brings the outputs back to the host, for diagnosis. */
final class HostRuns {

    private HostRuns() {
    }

    /** The model's outputs for the input, as host arrays in float64. */
    static List<HostArray> forward(AuditedModel model, List<HostArray> input) {
        try (TensorScope scope = model.backend().openScope()) {
            List<Tensor> in = new ArrayList<>();
            for (HostArray h : input) {
                in.add(Uploads.inModelType(model.backend(), h, model.dtype()));
            }
            List<HostArray> out = new ArrayList<>();
            for (Tensor y : model.forward(in)) {
                out.add(new HostArray(y.toDoubles(), y.shape()));
            }
            return out;
        }
    }

    /** Rows {@code [from, from + count)} of axis 0. */
    static HostArray rows(HostArray h, long from, long count) {
        long[] shape = h.shape();
        int inner = (int) (h.data().length / shape[0]);
        double[] d = new double[(int) (inner * count)];
        System.arraycopy(h.data(), (int) (from * inner), d, 0, d.length);
        long[] s = shape.clone();
        s[0] = count;
        return h.with(d, s);
    }

    /** Rows stacked along the batch axis. */
    static HostArray stack(List<HostArray> rows) {
        int total = rows.stream().mapToInt(r -> r.data().length).sum();
        double[] d = new double[total];
        int p = 0;
        long batch = 0;
        for (HostArray r : rows) {
            System.arraycopy(r.data(), 0, d, p, r.data().length);
            p += r.data().length;
            batch += r.shape()[0];
        }
        long[] s = rows.get(0).shape().clone();
        s[0] = batch;
        return rows.get(0).with(d, s);
    }

    /** Frobenius relative difference of two equally shaped host arrays (against {@code b}). */
    static double relative(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            num += d * d;
            den += b[i] * b[i];
        }
        return PairError.of(0, num, den).relative();
    }
}
