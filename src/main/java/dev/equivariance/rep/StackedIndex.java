package dev.equivariance.rep;

import dev.equivariance.group.GroupElement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The gather of a stack of slices, slice s moved by element s. An audit transforms every input and f(x) with the same
 * chunks of elements, so the last few gathers are kept and reused.
 */
final class StackedIndex {

    private record Key(IndexAction action, List<? extends GroupElement> elements, long[] shape, boolean each) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.action.equals(action) && k.elements.equals(elements)
                    && Arrays.equals(k.shape, shape) && k.each == each;
        }

        @Override
        public int hashCode() {
            return Objects.hash(action, elements, Arrays.hashCode(shape), each);
        }
    }

    private static final int CAPACITY = 64;
    /** At most this many row indices are kept in all (16 MB); the least recently used gathers go first. */
    static final long TOTAL_ROWS = 1L << 22;
    /** Gathers with more rows are rebuilt rather than kept. */
    private static final int LARGEST_CACHED = 1 << 21;
    private static final Object NONE = new Object();
    private static final java.util.LinkedHashMap<Key, Object> CACHE = new java.util.LinkedHashMap<>(16, 0.75f, true);
    private static long cachedRows;

    private StackedIndex() {
    }

    /** The gather from one unstacked tensor of the whole stack {@code rho(g_s) x}. */
    static Gather each(IndexAction action, List<? extends GroupElement> elements, long[] slice) {
        Key key = new Key(action, List.copyOf(elements), slice.clone(), true);
        synchronized (CACHE) {
            Object cached = CACHE.get(key);
            if (cached != null) {
                return (Gather) cached;
            }
        }
        int n = FlatMaps.size(slice);
        int[] all = new int[Math.multiplyExact(elements.size(), n)];
        for (int s = 0; s < elements.size(); s++) {
            int[] m = action.flatIndex(elements.get(s), slice);
            for (int i = 0; i < n; i++) {
                all[s * n + i] = m == null ? i : m[i];
            }
        }
        Gather gather = Gather.of(all, n);
        if (gather.rows().length <= LARGEST_CACHED) {
            gather = gather.kept();
            keep(key, gather);
        }
        return gather;
    }

    /** The gather within the stack, or null when every element acts as the identity. */
    static Gather of(IndexAction action, List<? extends GroupElement> elements, long[] slice) {
        Key key = new Key(action, List.copyOf(elements), slice.clone(), false);
        synchronized (CACHE) {
            Object cached = CACHE.get(key);
            if (cached != null) {
                return cached == NONE ? null : (Gather) cached;
            }
        }
        int n = FlatMaps.size(slice);
        int count = elements.size();
        int[] all = new int[Math.multiplyExact(count, n)];
        boolean moves = false;
        for (int s = 0; s < count; s++) {
            int[] m = action.flatIndex(elements.get(s), slice);
            int offset = s * n;
            for (int i = 0; i < n; i++) {
                all[offset + i] = offset + (m == null ? i : m[i]);
            }
            moves |= m != null;
        }
        Gather gather = moves ? Gather.of(all, all.length) : null;
        if (gather == null || gather.rows().length <= LARGEST_CACHED) {
            gather = gather == null ? null : gather.kept();
            keep(key, gather == null ? NONE : gather);
        }
        return gather;
    }

    private static void keep(Key key, Object value) {
        synchronized (CACHE) {
            Object old = CACHE.put(key, value);
            cachedRows += rows(value) - rows(old);
            java.util.Iterator<Object> eldest = CACHE.values().iterator();
            while (CACHE.size() > 1 && (CACHE.size() > CAPACITY || cachedRows > TOTAL_ROWS)) {
                cachedRows -= rows(eldest.next());
                eldest.remove();
            }
        }
    }

    /** The row indices kept in all (for tests of the bound). */
    static long cachedRows() {
        synchronized (CACHE) {
            return cachedRows;
        }
    }

    private static long rows(Object value) {
        return value instanceof Gather g ? g.rows().length : 0;
    }
}
