package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.models.DeepSets;
import dev.equivariance.testing.ProcessMemory;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Thousands of gradient audits leave nothing behind: no array in the audit's backend, none added to the managers that
 * own the model's parameters (DJL hands out each gradient as a new array in its parameter's manager), and a flat heap.
 */
class GradientMemoryTest {

    private static final long MB = 1024 * 1024;
    private static final int AUDITS = 2000;

    @Test
    void thousandsOfGradientAuditsOfADjlBlock_leaveNoArraysBehind() throws Exception {
        DjlModel model = (DjlModel) DjlModels.of(DeepSets.build(16), new long[] {2, 6, 3});
        try {
            check(model, model.block());
        } finally {
            model.close();
        }
    }

    @Test
    void thousandsOfGradientAuditsOfATorchScriptModule_leaveNoArraysBehind() throws Exception {
        try (TorchScriptModel model = TorchScript.load(Path.of("src/test/resources/fixtures/vector_net.pt"))) {
            check(model, model.block());
        }
    }

    private static void check(DjlModel model, Block block) throws Exception {
        for (int i = 0; i < 50; i++) {
            audit(model, i);
        }
        Map<NDManager, Integer> before = parameterManagers(block);
        long heapBefore = ProcessMemory.heapAfterGc();
        for (int i = 0; i < AUDITS; i++) {
            AuditReport report = audit(model, i);
            if (i % 500 == 0) {
                assertThat(report.verdict()).isEqualTo(Verdict.PASS);
                assertThat(report.gradients()).isPresent();
            }
        }
        long heapGrowth = ProcessMemory.heapAfterGc() - heapBefore;
        assertThat(liveArrays(model.djlBackend().current())).as("arrays left in the audit's backend").isZero();
        assertThat(parameterManagers(block)).as("arrays in the managers of the parameters").isEqualTo(before);
        // the exact checks are the array counts above (the leak they catch was about 31 arrays per audit); the heap
        // bound leaves room for one-off fills of the engines' bounded tables
        assertThat(heapGrowth).as("heap growth in bytes after GC over %d gradient audits", AUDITS)
                .isLessThan(4 * MB);
    }

    private static AuditReport audit(DjlModel model, int seed) {
        boolean vectors = model instanceof TorchScriptModel;
        Audit.Runner runner = vectors
                ? Audit.of(model).group("SO(3)").input("vector", 2, 5, 3).output("vector")
                : Audit.of(model).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant();
        return runner.samples(1).trials(4).seed(seed).gradients(true).run();
    }

    /** The number of arrays in each manager that holds one of the block's parameters. */
    private static Map<NDManager, Integer> parameterManagers(Block block) throws ReflectiveOperationException {
        Map<NDManager, Integer> out = new IdentityHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDManager m = p.getValue().getArray().getManager();
            out.put(m, liveArrays(m));
        }
        return out;
    }

    private static int liveArrays(NDManager manager) throws ReflectiveOperationException {
        Field resources = BaseNDManager.class.getDeclaredField("resources");
        resources.setAccessible(true);
        return ((Map<?, ?>) resources.get(manager)).size();
    }
}
