package dev.equivariance.bench;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Groups;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.ElementSampler;
import dev.equivariance.search.SampledElement;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import dev.equivariance.tensor.TensorScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * An e3nn-style gate network (TorchScript, {@code 4x0e + 2x1o -> 2x0e + 1x1o + 1x2e} on 5 points) audited under O(3)
 * with one input and no edge cases, at 2, 16 and 64 elements, against its bare forward passes (f(x) and the stacked
 * f(g x)). The per-audit fixed cost is the audit's time above that floor at 2 elements; the per-element cost is how
 * much the audit's time grows per element from 2 to 64 elements. Run by {@link AuditBenchmark}.
 */
public final class GateAuditBenchmark {

    private static final long[] SHAPE = {5, 10};
    private static final String IN = "irreps(4x0e + 2x1o)";
    private static final String OUT = "irreps(2x0e + 1x1o + 1x2e)";
    private static final int[] ELEMENTS = {2, 16, 64};
    private static final double MEASURE_MS = 60;
    private static final int REPEATS = 11;
    private static final long WARMUP_NANOS = 3_000_000_000L;

    private GateAuditBenchmark() {
    }

    /** Runs this benchmark alone ({@code -Dbenchmark.main=dev.equivariance.bench.GateAuditBenchmark}). */
    public static void main(String[] args) {
        run();
    }

    static void run() {
        run(false);
        run(true);
    }

    /** With the Lie derivative (on by default for O(3)) or without, to tell its cost from the rest. */
    private static boolean lie;

    private static void run(boolean withLie) {
        lie = withLie;
        System.out.println(String.format(Locale.ROOT, "%-46s %12s %12s %8s", "gate network (O(3), 1 input)"
                + (withLie ? ", Lie derivative on" : ", Lie derivative off"), "forward ms", "audit ms", "ratio"));
        try (AuditedModel model = TorchScript.load(Path.of("src/test/resources/fixtures/gate_network.pt"))) {
            Group<?> group = Groups.parse("O(3)");
            Action in = Actions.parse(IN).bind(SHAPE, group);
            double[][] best = new double[ELEMENTS.length][];
            // warm up until the JIT has compiled the audit's own code: a few audits leave it interpreted, which
            // would be measured as fixed cost
            long warmUntil = System.nanoTime() + WARMUP_NANOS;
            while (System.nanoTime() < warmUntil) {
                for (int n : ELEMENTS) {
                    measure(model, in, elements(group, n), n, 1);
                }
            }
            for (int i = 0; i < ELEMENTS.length; i++) {
                int n = ELEMENTS[i];
                List<GroupElement> elements = elements(group, n);
                double[] once = measure(model, in, elements, n, 1);
                int inner = (int) Math.max(1, Math.min(40, Math.ceil(MEASURE_MS / once[1])));
                double[] bare = new double[REPEATS];
                double[] audit = new double[REPEATS];
                double[] ratio = new double[REPEATS];
                for (int r = 0; r < REPEATS; r++) {
                    double[] t = measure(model, in, elements, n, inner);
                    bare[r] = t[0];
                    audit[r] = t[1];
                    ratio[r] = t[1] / t[0];
                }
                best[i] = new double[] {min(bare), min(audit)};
                System.out.println(String.format(Locale.ROOT, "%-46s %12.2f %12.2f %8.2f",
                        "TorchScript gate network, " + n + " elements", best[i][0], best[i][1], median(ratio)));
            }
            int last = ELEMENTS.length - 1;
            double perElement = (best[last][1] - best[0][1]) / (ELEMENTS[last] - ELEMENTS[0]);
            double floorPerElement = (best[last][0] - best[0][0]) / (ELEMENTS[last] - ELEMENTS[0]);
            System.out.println(String.format(Locale.ROOT, "gate network%s: per-audit fixed cost (audit - forward at %d "
                    + "elements) %.3f ms; per element %.4f ms (forward floor %.4f ms)",
                    lie ? " with the Lie derivative" : "", ELEMENTS[0],
                    best[0][1] - best[0][0], perElement, floorPerElement));
        }
    }

    private static List<GroupElement> elements(Group<?> group, int n) {
        return ElementSampler.draw(group, n, new SplittableRandom(1), false, true).stream()
                .map(SampledElement::element).toList();
    }

    /** {bare forward, audit} in ms per run, each the mean of {@code inner} runs. */
    private static double[] measure(AuditedModel model, Action in, List<GroupElement> elements, int n, int inner) {
        double forward = 0;
        for (int i = 0; i < inner; i++) {
            forward += bareForward(model, in, elements);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < inner; i++) {
            AuditReport report = Audit.of(model).group("O(3)").input(IN, SHAPE).output(OUT).samples(1).trials(n)
                    .edgeCases(false).lieDerivative(lie).seed(1).run();
            if (!report.acceptable()) {
                throw new IllegalStateException("the gate network did not pass: " + report.verdict());
            }
        }
        long t1 = System.nanoTime();
        return new double[] {forward / inner, (t1 - t0) / 1e6 / inner};
    }

    /** f(x) once and f(g x) for every element stacked along the batch axis, each output read once. */
    private static double bareForward(AuditedModel model, Action in, List<GroupElement> elements) {
        TensorBackend backend = model.backend();
        SplittableRandom rng = new SplittableRandom(7);
        try (TensorScope scope = backend.openScope()) {
            double[] values = new double[(int) (SHAPE[0] * SHAPE[1])];
            for (int i = 0; i < values.length; i++) {
                values[i] = rng.nextGaussian();
            }
            Tensor x64 = backend.fromDoubles(values, SHAPE, DType.FLOAT64);
            List<Tensor> part = new ArrayList<>();
            for (GroupElement g : elements) {
                part.add(in.apply(g, x64).cast(model.dtype()));
            }
            Tensor stack = backend.concat(part, 0);
            Tensor x = x64.cast(model.dtype());
            long t0 = System.nanoTime();
            model.forward(List.of(x)).get(0).toDoubles();
            model.forward(List.of(stack)).get(0).toDoubles();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
