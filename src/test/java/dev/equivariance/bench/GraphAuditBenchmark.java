package dev.equivariance.bench;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.backend.djl.DjlModels;
import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Groups;
import dev.equivariance.models.GraphEgnn;
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
import java.util.function.Function;

/**
 * Graph models without a batch axis (positions {@code [N, 3]}, features {@code [N, 5]}): an audit under E(3) with the
 * default batch-axis check, against the bare sequential forward passes it needs (f(x) once per input and one pass per
 * transformed input, transforms untimed). Run by {@link AuditBenchmark} after its own cases.
 */
final class GraphAuditBenchmark {

    private static final int SAMPLES = 4;
    private static final int TRIALS = 32;
    private static final int REPEATS = 7;
    private static final int WARMUPS = 3;
    private static final long FEATURES = 5;

    private GraphAuditBenchmark() {
    }

    private record Case(String name, Function<Long, AuditedModel> model, long nodes) {
    }

    static void run() {
        List<Case> cases = new ArrayList<>();
        for (long n : new long[] {8, 32, 64}) {
            cases.add(new Case("DJL EGNN graph, no batch axis, N=" + n, nodes -> DjlModels.of(GraphEgnn.build(5),
                    new long[] {nodes, 3}, new long[] {nodes, FEATURES}), n));
        }
        for (long n : new long[] {8, 32, 64}) {
            cases.add(new Case("TorchScript EGNN graph, no batch axis, N=" + n, nodes -> TorchScript.load(
                    Path.of("src/test/resources/fixtures/egnn_graph.pt")), n));
        }
        System.out.println(String.format(Locale.ROOT, "%-46s %12s %12s %8s", "graph case (E(3), 4 inputs x 32)",
                "forward ms", "audit ms", "ratio"));
        for (Case c : cases) {
            try (AuditedModel model = c.model().apply(c.nodes())) {
                measure(c, model);
            }
        }
    }

    private static void measure(Case c, AuditedModel model) {
        long[] pos = {c.nodes(), 3};
        long[] feat = {c.nodes(), FEATURES};
        Group<?> group = Groups.parse("E(3)");
        Action position = Actions.parse("position").bind(pos, group);
        List<GroupElement> elements = ElementSampler.draw(group, TRIALS, new SplittableRandom(1), true, true).stream()
                .map(SampledElement::element).toList();
        double[] bare = new double[REPEATS];
        double[] audit = new double[REPEATS];
        for (int r = -WARMUPS; r < REPEATS; r++) {
            double forward = bareForward(model, position, elements, pos, feat);
            long t0 = System.nanoTime();
            AuditReport report = Audit.of(model).group("E(3)").input("position", pos).input("trivial", feat)
                    .output("position").output("trivial").samples(SAMPLES).trials(TRIALS).seed(1).run();
            long t1 = System.nanoTime();
            if (!report.acceptable()) {
                throw new IllegalStateException(c.name() + " did not pass: " + report.verdict());
            }
            if (r >= 0) {
                bare[r] = forward;
                audit[r] = (t1 - t0) / 1e6;
            }
        }
        double[] ratio = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            ratio[r] = audit[r] / bare[r];
        }
        Arrays.sort(ratio);
        System.out.println(String.format(Locale.ROOT, "%-46s %12.1f %12.1f %8.2f", c.name(),
                Arrays.stream(bare).min().orElse(Double.NaN), Arrays.stream(audit).min().orElse(Double.NaN),
                ratio[REPEATS / 2]));
    }

    /** f(x) once per input and one forward pass per transformed input, one after the other. */
    private static double bareForward(AuditedModel model, Action position, List<GroupElement> elements, long[] pos,
                                      long[] feat) {
        TensorBackend backend = model.backend();
        SplittableRandom rng = new SplittableRandom(7);
        double total = 0;
        for (int s = 0; s < SAMPLES; s++) {
            try (TensorScope scope = backend.openScope()) {
                Tensor x64 = backend.fromDoubles(gaussian(rng, pos), pos, DType.FLOAT64);
                Tensor h = backend.fromDoubles(gaussian(rng, feat), feat, model.dtype());
                List<Tensor> moved = new ArrayList<>();
                for (GroupElement g : elements) {
                    moved.add(position.apply(g, x64).cast(model.dtype()));
                }
                Tensor x = x64.cast(model.dtype());
                long t0 = System.nanoTime();
                model.forward(List.of(x, h)).get(0).sumOfSquares();
                for (Tensor gx : moved) {
                    model.forward(List.of(gx, h)).get(0).sumOfSquares();
                }
                total += (System.nanoTime() - t0) / 1e6;
            }
        }
        return total;
    }

    private static double[] gaussian(SplittableRandom rng, long[] shape) {
        double[] v = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}
