package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.models.DeepSets;
import java.lang.reflect.Field;
import java.util.Map;
import dev.equivariance.testing.ProcessMemory;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand trials must not grow memory: every array an audit creates is freed with its scope (exactly none is
 * left in the backend's manager, checked after every audit), the heap does not grow, and the resident set stays
 * bounded. Warm-up audits come first, because the engine fills its own kernel caches on first use.
 */
class MemoryTest {

    private static final long MB = 1024 * 1024;

    @Test
    void tenThousandTrials_leaveNoArraysBehindAndMemoryFlat() throws Exception {
        DjlModel model = (DjlModel) DjlModels.of(DeepSets.build(32), new long[] {8, 32, 16});
        try {
            for (int i = 0; i < 8; i++) {
                audit(model, 2000, i);
            }
            long heapBefore = ProcessMemory.heapAfterGc();
            long rssBefore = ProcessMemory.rss();
            int trials = 0;
            for (int i = 0; i < 5; i++) {
                AuditReport report = audit(model, 2000, i);
                assertThat(report.verdict()).isEqualTo(Verdict.PASS);
                assertThat(liveArrays(model)).as("arrays left in the backend after audit %d", i).isZero();
                trials += report.samples() * report.transformations();
            }
            long heapGrowth = ProcessMemory.heapAfterGc() - heapBefore;
            long rssGrowth = ProcessMemory.rss() - rssBefore;
            assertThat(trials).isGreaterThanOrEqualTo(10_000);
            assertThat(heapGrowth).as("heap growth in bytes after GC").isLessThan(32 * MB);
            // the exact check for leaks is the live-array count above; the resident set also holds the allocator's free
            // lists and the engine's kernel caches, which grow by up to a few hundred megabytes without any leak, so
            // this bound only guards against runaway growth
            assertThat(rssGrowth).as("resident set growth in bytes (native arrays and heap)").isLessThan(512 * MB);
        } finally {
            model.close();
        }
    }

    private static AuditReport audit(DjlModel model, int trials, int seed) {
        return Audit.of(model).group("S(n)").input("permute(axis=1)", 8, 32, 16).invariant().samples(1)
                .trials(trials).seed(seed).run();
    }

    /** The arrays still attached to the backend's root manager. */
    private static int liveArrays(DjlModel model) throws ReflectiveOperationException {
        Field resources = BaseNDManager.class.getDeclaredField("resources");
        resources.setAccessible(true);
        return ((Map<?, ?>) resources.get(model.djlBackend().current())).size();
    }
}
