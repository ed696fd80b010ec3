package dev.equivariance.bench;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.backend.djl.TorchScript;
import dev.equivariance.backend.djl.TorchScriptModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Eight independent audits (four DJL set networks, four TorchScript modules; end to end, layers and gradients) run
 * one after another (on the main thread, then on one worker thread), then at once on 2, 4 and 8 threads. Each run is repeated; times are the fastest repetition.
 * Run with {@code mvn -Pbenchmark test-compile exec:exec -Dbenchmark.main=dev.equivariance.bench.ParallelAuditBenchmark}.
 */
public final class ParallelAuditBenchmark {

    private static final int AUDITS = 8;
    private static final int REPEATS = 5;

    private ParallelAuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Object> models = new ArrayList<>();
        List<Function<Object, AuditReport>> audits = new ArrayList<>();
        for (int i = 0; i < AUDITS / 2; i++) {
            models.add(setNetwork());
            audits.add(m -> Audit.of(m).group("S(n)").input("permute(axis=1)", 8, 16, 32).output("permute(axis=1)")
                    .trials(64).seed(1).layers(true).gradients(true).run());
            models.add(TorchScript.load(Path.of("src/test/resources/fixtures/vector_net.pt")));
            audits.add(m -> Audit.of(m).group("SO(3)").input("vector", 4, 32, 3).output("vector").trials(128)
                    .seed(1).layers(true).gradients(true).run());
        }
        Runnable sequential = () -> {
            for (int i = 0; i < AUDITS; i++) {
                audits.get(i).apply(models.get(i));
            }
        };
        for (int w = 0; w < 3; w++) {
            sequential.run();
        }
        double seq = best(sequential);
        System.out.printf(Locale.ROOT, "%d independent audits (layers + gradients), %d cores%n", AUDITS,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| run | wall time | ratio to sequential on the main thread |%n|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| sequential, on the main thread | %.0f ms | 1.00 |%n", seq);
        for (int threads : new int[] {1, 2, 4, 8}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                Runnable parallel = () -> {
                    List<Future<AuditReport>> futures = new ArrayList<>();
                    for (int i = 0; i < AUDITS; i++) {
                        int k = i;
                        futures.add(pool.submit(() -> audits.get(k).apply(models.get(k))));
                    }
                    for (Future<AuditReport> f : futures) {
                        try {
                            f.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
                parallel.run();
                double t = best(parallel);
                System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.2f |%n", threads == 1
                        ? "sequential, on one worker thread" : "in parallel on " + threads + " threads", t, t / seq);
            } finally {
                pool.shutdownNow();
            }
        }
        for (Object m : models) {
            if (m instanceof TorchScriptModel ts) {
                ts.close();
            }
        }
    }

    private static double best(Runnable run) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            run.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }

    /** A permutation-equivariant set network (per-point MLP), initialised by the auditor. */
    private static Block setNetwork() {
        return new SequentialBlock().add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(32).build());
    }
}
