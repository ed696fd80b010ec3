package dev.equivariance.bench;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.backend.djl.DjlModels;
import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Groups;
import dev.equivariance.models.C4LiftingConv;
import dev.equivariance.models.IsotropicConv;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.ElementSampler;
import dev.equivariance.search.SampledElement;
import dev.equivariance.backend.nd4j.SameDiffModel;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.ModelAdapters;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import dev.equivariance.tensor.TensorScope;
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Measures the auditor's overhead, side by side in one JVM: the bare batched forward passes an end-to-end audit
 * needs (f(x) once per input, f(g x) stacked along the batch axis) against the audit itself, and the layer-wise plus
 * gradient audit against the end-to-end one. Times are the fastest repetition; ratios are the median of the ratios
 * within each repetition. Run with {@code mvn -Pbenchmark test-compile exec:exec} (see docs/performance.md).
 */
public final class AuditBenchmark {

    /** The library's default number of generated inputs per audit. */
    private static final int SAMPLES = 4;
    /** Each measurement repeats a run until it lasts about this long, so that timer and scheduler noise averages out. */
    private static final double MEASURE_MS = 60;
    private static final int REPEATS = 11;
    private static final int WARMUPS = 6;

    private AuditBenchmark() {
    }

    /** One benchmarked case. */
    private record Case(String name, Supplier<Object> model, String group, String in, String out, long[] shape,
                        int trials) {
    }

    public static void main(String[] args) {
        if (!"AVX".equals(System.getenv("ONEDNN_MAX_CPU_ISA"))) {
            System.out.println("note: ONEDNN_MAX_CPU_ISA=AVX is not set; float32 conv gradients may be wrong");
        }
        List<Case> djl = List.of(
                new Case("MLP on sets, S(16)", AuditBenchmark::mlp, "S(n)", "permute(axis=1)", "permute(axis=1)",
                        new long[] {8, 16, 32}, 64),
                new Case("CNN 32x32, C4, one lifting layer", () -> new SequentialBlock()
                        .add(C4LiftingConv.equivariant(8, 5)).add(Activation.reluBlock()), "C4", "rot90(axes=(2,3))",
                        "p4(axis=1, axes=(2,3))", new long[] {4, 3, 32, 32}, 32),
                new Case("CNN 32x32, C4, four 3x3 layers", () -> IsotropicConv.network(4, 16), "C4",
                        "rot90(axes=(2,3))", "rot90(axes=(2,3))", new long[] {4, 3, 32, 32}, 32),
                new Case("TorchScript point cloud, SO(3), 256 elements",
                        () -> TorchScript.load(Path.of("src/test/resources/fixtures/vector_net.pt")), "SO(3)",
                        "vector", "vector", new long[] {4, 32, 3}, 256));
        List<Case> nd4j = List.of(new Case("SameDiff (ND4J) MLP on sets, S(16)", AuditBenchmark::sameDiffMlp, "S(n)",
                "permute(axis=1)", "permute(axis=1)", new long[] {8, 16, 32}, 64));
        // graph models without a batch axis first: ND4J, loaded later, changes the threading of the whole process
        GraphAuditBenchmark.run();
        GateAuditBenchmark.run();
        System.out.println(String.format(Locale.ROOT, "%-46s %12s %12s %8s %14s %8s", "case", "forward ms",
                "audit ms", "ratio", "layers+grad ms", "ratio"));
        // ND4J last: loading its native libraries changes the threading of the whole process
        for (List<Case> phase : List.of(djl, nd4j)) {
            List<Bench> benches = phase.stream().map(Bench::of).toList();
            // every case first warms up, so that compiling the auditor's code does not slow the first case measured
            for (Bench b : benches) {
                b.repeat(WARMUPS, 1);
            }
            for (Bench b : benches) {
                b.report();
                b.model().close();
            }
        }
    }

    /** The same MLP as a SameDiff graph: (B, 16, 32) -> rows of 32 features -> 64 -> 64 -> 32 -> (B, 16, 32). */
    private static Object sameDiffMlp() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 16, 32);
        SDVariable h = sd.reshape(x, sd.constant(Nd4j.createFromArray(-1L, 32L)));
        int[] widths = {32, 64, 64, 32};
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(5);
        for (int i = 0; i < 3; i++) {
            SDVariable w = sd.var("w" + i, Nd4j.randn(rng, widths[i], widths[i + 1]).castTo(DataType.FLOAT)
                    .muli(1 / Math.sqrt(widths[i])));
            SDVariable b = sd.var("b" + i, Nd4j.zeros(DataType.FLOAT, widths[i + 1]));
            h = sd.mmul(h, w).add(b);
            if (i < 2) {
                h = sd.nn.relu(h, 0);
            }
        }
        SDVariable batch = sd.sizeAt(x, 0).castTo(DataType.LONG).reshape(1);
        sd.reshape("y", h, sd.concat(0, batch, sd.constant(Nd4j.createFromArray(16L, 32L))));
        return SameDiffModel.of(sd).inputs("x").outputs("y").named("SameDiff MLP");
    }

    private static Block mlp() {
        return new SequentialBlock().add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(32).build());
    }

    /** A case with its model and drawn elements, measured again and again. */
    private record Bench(Case c, AuditedModel model, Action in, List<GroupElement> elements) {

        static Bench of(Case c) {
            Object raw = c.model().get();
            AuditedModel model = raw instanceof Block block ? DjlModels.of(block, c.shape()) : ModelAdapters.place(raw,
                List.of(c.shape()), DType.FLOAT32, DeviceRequest.AUTO).model();
            Group<?> group = Groups.parse(c.group(), java.util.Map.of("n", (int) c.shape()[1]));
            Action in = Actions.parse(c.in()).bind(c.shape(), group);
            List<GroupElement> elements = ElementSampler.draw(group, c.trials(), new SplittableRandom(1), true, true)
                    .stream().map(SampledElement::element).toList();
            return new Bench(c, model, in, elements);
        }

        /** {bare forward, end-to-end audit, layers + gradients} in ms per run, per repetition. */
        double[][] repeat(int times, int inner) {
            double[][] out = new double[3][times];
            for (int r = 0; r < times; r++) {
                double forward = 0;
                for (int i = 0; i < inner; i++) {
                    forward += bareForward(model, in, elements, c.shape(), SAMPLES);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < inner; i++) {
                    AuditReport report = Audit.of(model).group(c.group()).input(c.in(), c.shape()).output(c.out())
                            .samples(SAMPLES).trials(c.trials()).seed(1).run();
                    if (!report.acceptable()) {
                        throw new IllegalStateException(c.name() + " did not pass: " + report.verdict());
                    }
                }
                long t2 = System.nanoTime();
                for (int i = 0; i < inner; i++) {
                    Audit.of(model).group(c.group()).input(c.in(), c.shape()).output(c.out()).samples(SAMPLES)
                            .trials(c.trials()).seed(1).layers(true).gradients(true).run();
                }
                long t3 = System.nanoTime();
                out[0][r] = forward / inner;
                out[1][r] = (t2 - t1) / 1e6 / inner;
                out[2][r] = (t3 - t2) / 1e6 / inner;
            }
            return out;
        }

        /** How many runs make one measurement of about {@link #MEASURE_MS}. */
        int inner() {
            double[][] once = repeat(1, 1);
            return (int) Math.max(1, Math.min(8, Math.ceil(MEASURE_MS / once[1][0])));
        }

        void report() {
            double[][] t = repeat(REPEATS, inner());
            double[] bare = t[0];
            double[] audit = t[1];
            double[] deep = t[2];
            if (System.getenv("BENCH_DEBUG") != null) {
                System.out.println(Arrays.toString(bare) + "\n" + Arrays.toString(audit) + "\n"
                        + Arrays.toString(deep));
            }
            double[] auditRatio = new double[REPEATS];
            double[] deepRatio = new double[REPEATS];
            for (int r = 0; r < REPEATS; r++) {
                auditRatio[r] = audit[r] / bare[r];
                deepRatio[r] = deep[r] / audit[r];
            }
            System.out.println(String.format(Locale.ROOT, "%-46s %12.1f %12.1f %8.2f %14.1f %8.2f", c.name(),
                    best(bare), best(audit), median(auditRatio), best(deep), median(deepRatio)));
        }
    }

    /** f(x) once per input and f(g x) for every element, stacked like the audit stacks them; transforms untimed. */
    private static double bareForward(AuditedModel model, Action in, List<GroupElement> elements, long[] shape,
                                      int samples) {
        TensorBackend backend = model.backend();
        SplittableRandom rng = new SplittableRandom(7);
        double total = 0;
        int chunk = (int) Math.max(1, 512 / shape[0]);
        for (int s = 0; s < samples; s++) {
            try (TensorScope scope = backend.openScope()) {
                double[] values = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rng.nextGaussian();
                }
                Tensor x64 = backend.fromDoubles(values, shape, DType.FLOAT64);
                List<Tensor> stacks = new ArrayList<>();
                for (int start = 0; start < elements.size(); start += chunk) {
                    List<Tensor> part = new ArrayList<>();
                    for (GroupElement g : elements.subList(start, Math.min(elements.size(), start + chunk))) {
                        part.add(in.apply(g, x64).cast(model.dtype()));
                    }
                    stacks.add(backend.concat(part, 0));
                }
                Tensor x = x64.cast(model.dtype());
                long t0 = System.nanoTime();
                model.forward(List.of(x)).get(0).sumOfSquares();
                for (Tensor stack : stacks) {
                    model.forward(List.of(stack)).get(0).sumOfSquares();
                }
                total += (System.nanoTime() - t0) / 1e6;
            }
        }
        return total;
    }

    /**
     * The median of the ratios measured within each repetition: the two sides of a ratio run back to back, so a slow
     * spell of a shared machine slows both, and the median ignores the repetitions it hit halfway.
     */
    private static double median(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The fastest repetition: on a shared machine the minimum is the least disturbed estimate of the cost. */
    private static double best(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
