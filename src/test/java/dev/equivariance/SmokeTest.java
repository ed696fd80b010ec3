package dev.equivariance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void djlRuns() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(24f).reshape(2, 3, 4);
            NDArray idx = m.create(new long[] {2, 0, 1});
            System.out.println(x.get(new NDIndex(":, {}", idx)));
            NDArray idx2 = m.create(new long[] {3, 2, 1, 0});
            System.out.println(x.get(new NDIndex("..., {}", idx2)));
            System.out.println(x.swapAxes(1, 2).getShape());
        }
    }
}
