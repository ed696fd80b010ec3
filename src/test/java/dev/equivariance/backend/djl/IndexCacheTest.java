package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class IndexCacheTest {

    @Test
    void theSameIndexArray_isUploadedOnceAndFreedOnClear() {
        try (NDManager root = DjlBackend.arrayEngine().newBaseManager()) {
            IndexCache cache = new IndexCache(root);
            int[] index = sequence(4096);
            NDArray first = cache.get(index);
            assertThat(cache.get(index)).isSameAs(first);
            assertThat(cache.get(index.clone())).as("an equal but distinct array is another index").isNotSameAs(first);
            assertThat(first.toIntArray()).containsExactly(index);
            cache.clear();
            assertThat(first.isReleased()).isTrue();
        }
    }

    @Test
    void whenTheBoundIsReached_theLeastRecentlyUsedIndexIsFreed() {
        try (NDManager root = DjlBackend.arrayEngine().newBaseManager()) {
            IndexCache cache = new IndexCache(root);
            int[] old = sequence(6 << 20);
            int[] recent = sequence(6 << 20);
            NDArray oldArray = cache.get(old);
            NDArray recentArray = cache.get(recent);
            cache.get(recent);
            cache.get(sequence(6 << 20));
            assertThat(oldArray.isReleased()).as("72 MB exceed the 64 MB bound: the eldest goes").isTrue();
            assertThat(recentArray.isReleased()).isFalse();
            assertThat(cache.get(new int[17 << 20])).as("an index larger than the bound is not kept").isNull();
            cache.clear();
        }
    }

    private static int[] sequence(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
