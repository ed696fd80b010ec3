package dev.equivariance.bench;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.backend.djl.DjlModels;
import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.models.EgnnPositions;
import dev.equivariance.models.PlanarVectorGate;
import dev.equivariance.tensor.AuditedModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the Lie derivative adds to a passing end-to-end audit of a continuous group: the same audit with
 * {@code lieDerivative(true)} (the default) and {@code false}, side by side, fastest of the repetitions and the median
 * ratio. Run with {@code mvn -Pbenchmark test-compile exec:exec -Dbenchmark.main=dev.equivariance.bench.LieDerivativeBenchmark}
 * (numbers in docs/lie-derivative.md).
 */
public final class LieDerivativeBenchmark {

    private static final int REPEATS = 9;
    private static final int WARMUPS = 4;
    private static final int INNER = 4;

    private LieDerivativeBenchmark() {
    }

    private record Case(String name, Supplier<Object> model, String group, String action, long[] shape,
                        int trials) {
    }

    public static void main(String[] args) {
        run();
    }

    static void run() {
        Case[] cases = {
            new Case("DJL planar vectors (float64 twin), SO(2)", PlanarVectorGate::equivariant, "SO(2)", "vector",
                    new long[] {4, PlanarVectorGate.POINTS, 2}, 32),
            new Case("DJL EGNN positions (float64 twin), SE(3)", () -> EgnnPositions.build(16), "SE(3)", "position",
                    new long[] {4, 16, 3}, 32),
            new Case("TorchScript point cloud (float32), SO(3), 256 el.",
                    () -> TorchScript.load(Path.of("src/test/resources/fixtures/vector_net.pt")), "SO(3)", "vector",
                    new long[] {4, 32, 3}, 256)};
        System.out.println(String.format(Locale.ROOT, "%-52s %14s %14s %8s", "case", "without ms", "with ms",
                "ratio"));
        for (Case c : cases) {
            Object raw = c.model().get();
            AuditedModel model = raw instanceof ai.djl.nn.Block b ? DjlModels.of(b, c.shape()) : null;
            Object audited = model != null ? model : raw;
            for (int w = 0; w < WARMUPS; w++) {
                time(audited, c, true);
                time(audited, c, false);
            }
            double[] with = new double[REPEATS];
            double[] without = new double[REPEATS];
            double[] ratio = new double[REPEATS];
            for (int r = 0; r < REPEATS; r++) {
                without[r] = time(audited, c, false);
                with[r] = time(audited, c, true);
                ratio[r] = with[r] / without[r];
            }
            Arrays.sort(ratio);
            System.out.println(String.format(Locale.ROOT, "%-52s %14.1f %14.1f %8.2f", c.name(),
                    Arrays.stream(without).min().orElseThrow(), Arrays.stream(with).min().orElseThrow(),
                    ratio[REPEATS / 2]));
            if (raw instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            if (model != null) {
                model.close();
            }
        }
    }

    /** Milliseconds per audit, over a few audits. */
    private static double time(Object model, Case c, boolean lie) {
        long t0 = System.nanoTime();
        for (int i = 0; i < INNER; i++) {
            AuditReport report = Audit.of(model).group(c.group()).input(c.action(), c.shape()).output(c.action())
                    .samples(4).trials(c.trials()).seed(1).lieDerivative(lie).run();
            if (!report.acceptable() || report.lieDerivative().isPresent() != lie) {
                throw new IllegalStateException(c.name() + ": " + report.verdict());
            }
        }
        return (System.nanoTime() - t0) / 1e6 / INNER;
    }
}
