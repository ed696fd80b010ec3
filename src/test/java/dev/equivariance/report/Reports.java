package dev.equivariance.report;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Counterexample;
import dev.equivariance.audit.ElementResult;
import dev.equivariance.audit.ErrorStats;
import dev.equivariance.audit.GradientResult;
import dev.equivariance.audit.Issue;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.LayerResult;
import dev.equivariance.audit.Tolerance;
import dev.equivariance.audit.Verdict;
import dev.equivariance.models.DeepSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reports for the renderer tests: two real audits (computed once per JVM) and a hand-made one with every part. */
final class Reports {

    private static AuditReport passing;
    private static AuditReport failing;

    private Reports() {
    }

    /** DeepSets, invariant under S(6): PASS. */
    static synchronized AuditReport passing() {
        if (passing == null) {
            passing = Audit.of(DeepSets.build(8)).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                    .seed(1).run();
        }
        return passing;
    }

    /** DeepSets with a positional embedding: FAIL with a counterexample. */
    static synchronized AuditReport failing() {
        if (failing == null) {
            failing = Audit.of(DeepSets.withPositionalEmbedding(8)).group("S(n)").input("permute(axis=1)", 2, 6, 3)
                    .invariant().seed(1).run();
        }
        return failing;
    }

    /**
     * A report with layers (the third breaking first), gradients, an issue, notes, NaN, infinite and zero errors,
     * and strings that need escaping in JSON and HTML.
     */
    static AuditReport synthetic() {
        List<ElementResult> elements = new ArrayList<>();
        elements.add(new ElementResult("Identity", true, 0, 0, 0, 0));
        elements.add(new ElementResult("Rot90(k=1)", true, 1.5707963267948966, 2.5e-7, 1e-7, 3e-7));
        for (int i = 0; i < 20; i++) {
            double angle = 0.15 * (i + 1);
            elements.add(new ElementResult(String.format(java.util.Locale.ROOT, "Rotation(angle=%.2f rad)", angle),
                    false, angle, 1e-4 * Math.pow(1.6, i), 5e-5 * Math.pow(1.6, i), 1e-3 * i));
        }
        elements.add(new ElementResult("Weird <\"quote\" & \\ \n\t\u0001 é ∑>", false, 3.0, Double.NaN, Double.NaN,
                Double.POSITIVE_INFINITY));
        List<LayerResult> layers = List.of(
                new LayerResult("00Linear", "Linear", 1e-7, 2e-7, "vector", Level.EXCELLENT, false),
                new LayerResult("01relu", "relu", Double.NaN, 3e-7, "vector", Level.EXCELLENT, false),
                new LayerResult("02interpolate", "Interpolation", 0.04, 0.05, "vector", Level.BROKEN, true),
                new LayerResult("03Linear", "Linear", 2e-7, 0.06, "vector", Level.BROKEN, false));
        GradientResult gradients = new GradientResult("sum of squares of the outputs", 3e-3, Double.NaN,
                List.of(new GradientResult.ParameterError("02interpolate.weight", 3e-3)), Level.APPROXIMATE,
                "computed in float64");
        Counterexample ce = new Counterexample("Rotation(angle=2.85 rad)", 0.75, "Rotation(angle=0.30 rad)", 0.012,
                1, "[[4, 9, 3]]", "[[1, 9, 3]]", List.of("batch of 1 (from 4)", "half of the values set to zero",
                "half of the values set to zero"), "[1, 0, 0]", 7, 31);
        Issue issue = new Issue(dev.equivariance.audit.IssueKind.CUSTOM_LAYER_BUG, "Bilinear resampling <breaks> \"exact\" "
                + "symmetry & more.", "02interpolate", Issue.Severity.WARNING, "Use exact rot90 or a steerable basis.",
                "local error 4.0e-02");
        return new AuditReport("Synthetic </script> model", "SO(3)", false, List.of("vector on shape [4, 9, 3]"),
                List.of("vector"), new AuditReport.Environment("DJL PyTorch", "cpu()", "float32", 4, "eval"),
                Long.MAX_VALUE, 4, elements.size(), new ErrorStats(92, 1e-3, Double.POSITIVE_INFINITY, 2e-2,
                Double.NaN), Level.BROKEN, new Tolerance(1e-6, 1e-4, 1e-2), elements, layers, Optional.of(gradients),
                Optional.of(new double[][] {{1e-2, 1e-2, 1e-2}, {1e-2, 0, 1e-2}, {1e-2, 1e-2, Double.NaN}}),
                Optional.of(ce), List.of(issue), List.of("Batching turned off: \"maxBatch = 1\"."), Verdict.FAIL,
                false, 17, Optional.empty());
    }
}
