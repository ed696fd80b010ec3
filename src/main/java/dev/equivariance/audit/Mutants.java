package dev.equivariance.audit;

import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Layer;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Mutants of a model with a known symmetry break, built on any backend from the model's own forward pass: the output
 * scaled by a fixed pattern {@code y + delta (y * m)}, the input shifted by a fixed pattern {@code x + delta c}, or an
 * activation shifted after one layer. The patterns are fixed per shape (and, when axis 0 holds independent samples,
 * the same in every row, so the mutant keeps rows apart as the model does); no group element leaves them in place.
 */
final class Mutants {

    private static final long SEED = 0x51F_C4ECL;

    private Mutants() {
    }

    /** A fixed standard-normal pattern for a shape: repeated along axis 0 when rows are independent samples. */
    static double[] pattern(long[] shape, boolean perRow, long salt) {
        long total = 1;
        for (long d : shape) {
            total *= d;
        }
        boolean rows = perRow && shape.length > 1;
        int period = (int) (rows ? total / shape[0] : total);
        SplittableRandom rng = new SplittableRandom(SEED ^ salt ^ (31L * period + shape.length));
        double[] one = new double[period];
        for (int i = 0; i < period; i++) {
            one[i] = rng.nextGaussian();
        }
        double[] out = new double[(int) total];
        for (int i = 0; i < out.length; i++) {
            out[i] = one[i % period];
        }
        return out;
    }

    /** {@code t + delta * pattern} (floating tensors only; integer ones pass unchanged). */
    static Tensor shifted(Tensor t, double delta, boolean perRow, long salt) {
        if (t.dtype().isInteger()) {
            return t;
        }
        Tensor c = t.backend().fromDoubles(pattern(t.shape(), perRow, salt), t.shape(), t.dtype());
        return t.add(c.scale(delta));
    }

    /** {@code y + delta * (y * pattern)}. */
    static Tensor scaled(Tensor y, double delta, boolean perRow, long salt) {
        if (y.dtype().isInteger()) {
            return y;
        }
        Tensor m = y.backend().fromDoubles(pattern(y.shape(), perRow, salt), y.shape(), y.dtype());
        return y.add(y.multiply(m).scale(delta));
    }

    /** A model that delegates everything but its forward pass (and its layers, which it hides). */
    abstract static class Mutant implements AuditedModel {
        final AuditedModel model;

        Mutant(AuditedModel model) {
            this.model = model;
        }

        @Override
        public String name() {
            return model.name();
        }

        @Override
        public TensorBackend backend() {
            return model.backend();
        }

        /** A mutant runs on the model's own state, so it takes the model's turn. */
        @Override
        public Object sharedState() {
            return model.sharedState();
        }

        @Override
        public DType dtype() {
            return model.dtype();
        }

        @Override
        public String kind() {
            return model.kind();
        }

        @Override
        public String mode() {
            return model.mode();
        }

        @Override
        public Optional<Boolean> normalisesOverBatch() {
            return model.normalisesOverBatch();
        }
    }

    /** f(x) with its outputs scaled by a fixed pattern. */
    static final class AtOutput extends Mutant {
        private final double delta;
        private final boolean perRow;

        AtOutput(AuditedModel model, double delta, boolean perRow) {
            super(model);
            this.delta = delta;
            this.perRow = perRow;
        }

        @Override
        public List<Tensor> forward(List<Tensor> inputs) {
            List<Tensor> out = new ArrayList<>();
            int j = 0;
            for (Tensor y : model.forward(inputs)) {
                out.add(scaled(y, delta, perRow, 100 + j++));
            }
            return out;
        }
    }

    /** f(x + delta c) for every floating input. */
    static final class AtInput extends Mutant {
        private final double[] deltas;
        private final boolean perRow;

        AtInput(AuditedModel model, double[] deltas, boolean perRow) {
            super(model);
            this.deltas = deltas.clone();
            this.perRow = perRow;
        }

        @Override
        public List<Tensor> forward(List<Tensor> inputs) {
            List<Tensor> in = new ArrayList<>();
            for (int k = 0; k < inputs.size(); k++) {
                in.add(shifted(inputs.get(k), deltas[k], perRow, 200 + k));
            }
            return model.forward(in);
        }
    }

    /**
     * A non-equivariant term {@code delta s(x) c} for an activation h: c a fixed pattern of h's shape, s(x) a fixed
     * linear functional of the driving tensor x (per row when rows are independent samples), which no group element
     * leaves alone. Unlike a fixed shift of h, it cannot be absorbed by a later invariant pooling.
     */
    static Tensor drivenShift(Tensor h, Tensor driver, double delta, boolean perRow, long salt) {
        if (h.dtype().isInteger() || driver.dtype().isInteger()) {
            return h;
        }
        long[] hs = h.shape();
        long[] xs = driver.shape();
        boolean rows = perRow && hs.length > 1 && xs.length > 1 && hs[0] == xs[0];
        int count = rows ? (int) hs[0] : 1;
        double[] x = driver.toDoubles();
        int xPeriod = x.length / count;
        double[] w = pattern(rows ? rowShape(xs) : xs, false, salt + 7);
        double[] s = new double[count];
        for (int r = 0; r < count; r++) {
            double acc = 0;
            for (int i = 0; i < xPeriod; i++) {
                acc += w[i] * x[r * xPeriod + i];
            }
            s[r] = acc / Math.sqrt(Math.max(1, xPeriod));
        }
        double[] c = pattern(hs, rows, salt);
        int hPeriod = c.length / count;
        for (int i = 0; i < c.length; i++) {
            c[i] *= delta * s[i / hPeriod];
        }
        return h.add(h.backend().fromDoubles(c, hs, h.dtype()));
    }

    private static long[] rowShape(long[] shape) {
        long[] one = shape.clone();
        one[0] = 1;
        return one;
    }

    /** The first floating tensor of a list (the input that drives a planted layer break). */
    static Tensor firstFloating(List<Tensor> inputs) {
        for (Tensor t : inputs) {
            if (!t.dtype().isInteger()) {
                return t;
            }
        }
        return inputs.get(0);
    }

    /**
     * The model with a break planted after layer {@code index}: the activation there gets {@code delta s(x) c}
     * (see {@link #drivenShift}), driven by the model's input, or by the layer's own input when it runs alone.
     */
    static final class AfterLayer extends Mutant {
        private final LayeredModel layered;
        private final int index;
        private final double delta;
        private final boolean perRow;

        AfterLayer(AuditedModel model, LayeredModel layered, int index, double delta, boolean perRow) {
            super(model);
            this.layered = layered;
            this.index = index;
            this.delta = delta;
            this.perRow = perRow;
        }

        private UnaryOperator<Tensor> plantedBy(Tensor driver) {
            return t -> drivenShift(t, driver, delta, perRow, 300 + index);
        }

        @Override
        public List<Tensor> forward(List<Tensor> inputs) {
            return layered.runPerturbed(inputs, index, plantedBy(firstFloating(inputs))).orElseThrow().get(0);
        }

        @Override
        public Optional<LayeredModel> layered() {
            return Optional.of(new LayeredModel() {
                @Override
                public List<Layer> layers() {
                    return layered.layers();
                }

                @Override
                public List<Tensor> activations(List<Tensor> inputs) {
                    return layered.runPerturbed(inputs, index, plantedBy(firstFloating(inputs))).orElseThrow().get(1);
                }

                @Override
                public Optional<Tensor> runLayer(int i, Tensor input) {
                    Optional<Tensor> y = layered.runLayer(i, input);
                    return i == index ? y.map(plantedBy(input)) : y;
                }

                @Override
                public boolean runsLayersAlone() {
                    return layered.runsLayersAlone();
                }
            });
        }
    }
}
