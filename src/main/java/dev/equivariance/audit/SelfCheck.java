package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.Layer;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audits the audit: plants known symmetry breaks in mutants of the model (at the output, at the input, after each
 * layer the backend can reach into) and audits each mutant with the same declaration, seed and budget. Each break is
 * scaled so that its own error is about a hundred times the pass threshold on the first input.
 */
final class SelfCheck {

    /** How far above the pass threshold a planted break is made. */
    private static final double STRENGTH = 100;
    /** At most this many layers get a mutant each. */
    private static final int MAX_LAYERS = 12;

    private final AuditSpec spec;
    private final AuditedModel model;
    private final double target;
    private final List<HostArray> first;
    private final boolean perRow;

    SelfCheck(AuditSpec spec, AuditedModel model, Tolerance tolerance, Audit.Sample sample) {
        this.spec = spec.forMutants();
        this.model = model;
        this.target = STRENGTH * tolerance.pass();
        this.first = sample.input();
        BatchFinding finding = sample.context().evaluator.batchFinding();
        this.perRow = finding != null && finding.rowsIndependent();
    }

    AuditReport run(AuditReport report) {
        List<SelfCheckResult.Mutant> mutants = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int located = 0;
        if (!report.invariant()) {
            mutants.add(audit("output scaled by a fixed pattern", new Mutants.AtOutput(model, target, perRow)));
        } else {
            notes.add("Self-check: no output break planted, since an invariant output cannot be made to break "
                    + "invariance by a map of the output alone.");
        }
        mutants.add(audit("input shifted by a fixed pattern", new Mutants.AtInput(model, inputDeltas(), perRow)));
        Optional<LayeredModel> layered = model.layered();
        if (layered.isPresent() && supportsPlanting(layered.get())) {
            List<Layer> layers = layered.get().layers();
            double[] norms = activationNorms(layered.get());
            for (int k = 0; k < Math.min(layers.size(), MAX_LAYERS); k++) {
                double delta = target * norms[2 * k] / Math.max(1e-300, norms[2 * k + 1]);
                String name = "after layer " + layers.get(k).name();
                SelfCheckResult.Mutant m = audit(name, new Mutants.AfterLayer(model, layered.get(), k, delta, perRow));
                mutants.add(m);
                if (m.location().equals("layer " + layers.get(k).name())) {
                    located++;
                }
            }
        } else if (layered.isPresent()) {
            notes.add("Self-check: no layer breaks planted, since " + model.kind() + " activations cannot be changed "
                    + "inside the model.");
        }
        int detected = (int) mutants.stream().filter(SelfCheckResult.Mutant::detected).count();
        return report.withSelfCheck(new SelfCheckResult(mutants.size(), detected, located, mutants), notes);
    }

    private SelfCheckResult.Mutant audit(String name, AuditedModel mutant) {
        AuditReport r = Audit.run(spec, mutant);
        String location = r.firstBreakingLayer().map(l -> "layer " + l.name())
                .orElse(r.issues().isEmpty() ? "" : r.issues().get(0).location());
        // detected: the mutant's comparisons fail (a verdict changed only by a vacuity warning is no detection)
        boolean detected = !r.tolerance().passes(r.endToEnd().maxRelative());
        return new SelfCheckResult.Mutant(name, detected, r.endToEnd().maxRelative(), detected ? location : "");
    }

    /** Per floating input, the shift that changes the outputs by about the target on the first input. */
    private double[] inputDeltas() {
        double[] deltas = new double[first.size()];
        try (TensorScope scope = model.backend().openScope()) {
            List<Tensor> x = new ArrayList<>();
            for (HostArray h : first) {
                x.add(Uploads.inModelType(model.backend(), h, model.dtype()));
            }
            List<Tensor> fx = model.forward(x);
            double fxNorm = norm(fx);
            for (int k = 0; k < first.size(); k++) {
                if (first.get(k).integer()) {
                    continue;
                }
                double xNorm = Math.sqrt(x.get(k).sumOfSquares());
                double cNorm = norm(Mutants.pattern(first.get(k).shape(), perRow, 200 + k));
                double delta = target * Math.max(xNorm, 1e-12) / cNorm;
                double[] trial = new double[first.size()];
                trial[k] = delta;
                double change = difference(new Mutants.AtInput(model, trial, perRow).forward(x), fx) / fxNorm;
                if (change > 0 && Double.isFinite(change)) {
                    delta *= Math.max(1e-3, Math.min(1e3, target / change));
                }
                deltas[k] = delta;
            }
        }
        return deltas;
    }

    /** Per layer {norm of its activation, norm of its pattern} on the first input. */
    private double[] activationNorms(LayeredModel layered) {
        try (TensorScope scope = model.backend().openScope()) {
            List<Tensor> x = new ArrayList<>();
            for (HostArray h : first) {
                x.add(Uploads.inModelType(model.backend(), h, model.dtype()));
            }
            List<Tensor> acts = layered.activations(x);
            double[] out = new double[2 * acts.size()];
            for (int k = 0; k < acts.size(); k++) {
                out[2 * k] = Math.sqrt(acts.get(k).sumOfSquares());
                // the planted term delta s(x) c has norm about delta ||c|| (s(x) is of order one)
                out[2 * k + 1] = norm(Mutants.pattern(acts.get(k).shape(), perRow, 300 + k));
            }
            return out;
        }
    }

    private boolean supportsPlanting(LayeredModel layered) {
        try (TensorScope scope = model.backend().openScope()) {
            List<Tensor> x = new ArrayList<>();
            for (HostArray h : first) {
                x.add(Uploads.inModelType(model.backend(), h, model.dtype()));
            }
            return layered.runPerturbed(x, 0, t -> t).isPresent();
        }
    }

    private static double norm(List<Tensor> ts) {
        double s = 0;
        for (Tensor t : ts) {
            s += t.sumOfSquares();
        }
        return Math.sqrt(s);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double difference(List<Tensor> a, List<Tensor> b) {
        double s = 0;
        for (int j = 0; j < a.size(); j++) {
            s += a.get(j).subtract(b.get(j)).sumOfSquares();
        }
        return Math.sqrt(s);
    }
}
