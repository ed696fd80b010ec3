package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.report.TextReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One TorchScript module shared by four threads, 25 audits each: no exception, and every report is the report the
 * same audit gives when run alone (audits of one model take turns; the threads are not the ones that loaded it).
 */
class SharedModelThreadsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final int THREADS = 4;
    private static final int AUDITS = 25;

    @Test
    void fourThreadsOnOneModule_endToEndAndLayers_giveTheSequentialReports() throws Exception {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("vector_net_biased_mix.pt"))) {
            check(model, false);
        }
    }

    @Test
    void fourThreadsOnOneModule_withGradients_giveTheSequentialReports() throws Exception {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("vector_net.pt"))) {
            check(model, true);
        }
    }

    private static void check(TorchScriptModel model, boolean gradients) throws Exception {
        List<String> sequential = new ArrayList<>();
        for (int a = 0; a < AUDITS; a++) {
            sequential.add(TextReport.render(audit(model, a, gradients)));
        }
        assertThat(sequential.get(0)).contains(gradients ? "OVERALL VERDICT: PASS" : "OVERALL VERDICT: FAIL");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<List<Future<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<Future<String>> mine = new ArrayList<>();
                for (int a = 0; a < AUDITS; a++) {
                    int seed = a;
                    mine.add(pool.submit(() -> TextReport.render(audit(model, seed, gradients))));
                }
                futures.add(mine);
            }
            for (int t = 0; t < THREADS; t++) {
                for (int a = 0; a < AUDITS; a++) {
                    // get() rethrows any exception an audit threw
                    assertThat(futures.get(t).get(a).get()).as("thread %d, audit %d", t, a)
                            .isEqualTo(sequential.get(a));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static AuditReport audit(TorchScriptModel model, int seed, boolean gradients) {
        AuditReport report = Audit.of(model).group("SO(3)").input("vector", 2, 5, 3).output("vector").trials(8)
                .seed(seed).layers(!gradients).gradients(gradients).run();
        assertThat(report.verdict()).isIn(Verdict.PASS, Verdict.FAIL);
        return report;
    }
}
