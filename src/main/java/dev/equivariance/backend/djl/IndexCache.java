package dev.equivariance.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gather indices kept on the device between the operations of one audit. The audit transforms every input and every
 * f(x) with the same few index arrays (one per chunk of elements, cached on the host by identity), so each is uploaded
 * once per audit instead of once per use. Bounded in bytes; everything is freed by {@link #clear()}, which the audit
 * calls when it ends, so nothing outlives it.
 */
final class IndexCache {

    /** Smaller indices are cheaper to upload than to look up and keep. */
    static final int SMALLEST_CACHED = 1024;
    private static final long MAX_BYTES = 64L << 20;

    private final NDManager parent;
    private NDManager manager;
    private long bytes;
    private final LinkedHashMap<Key, NDArray> arrays = new LinkedHashMap<>(16, 0.75f, true);

    /** Identity of a host index array: the host caches return the same array for the same gather. */
    private record Key(int[] indices) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.indices == indices;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(indices);
        }
    }

    IndexCache(NDManager parent) {
        this.parent = parent;
    }

    /**
     * The device copy of {@code indices} (owned by this cache: callers must not close it), or null when it is not kept
     * (larger than the bound, or with negative indices).
     */
    NDArray get(int[] indices) {
        Key key = new Key(indices);
        NDArray cached = arrays.get(key);
        if (cached != null) {
            return cached;
        }
        long size = 4L * indices.length;
        if (size > MAX_BYTES) {
            return null;
        }
        for (int i : indices) {
            if (i < 0) {
                return null; // counted from the end: only for numpy-style indexing, not for row lookups
            }
        }
        while (bytes + size > MAX_BYTES && !arrays.isEmpty()) {
            Iterator<Map.Entry<Key, NDArray>> eldest = arrays.entrySet().iterator();
            NDArray evicted = eldest.next().getValue();
            bytes -= 4L * evicted.getShape().size();
            evicted.close();
            eldest.remove();
        }
        if (manager == null) {
            manager = parent.newSubManager();
        }
        NDArray array = manager.create(indices);
        arrays.put(key, array);
        bytes += size;
        return array;
    }

    /** Frees every cached array. */
    void clear() {
        arrays.clear();
        bytes = 0;
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }
}
