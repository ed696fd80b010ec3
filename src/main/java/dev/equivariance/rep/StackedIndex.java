package dev.equivariance.rep;

import dev.equivariance.group.GroupElement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The flat gather index of a stack of slices, slice s moved by element s. An audit transforms every input and f(x)
 * with the same chunks of elements, so the last few indices are kept and reused.
 */
final class StackedIndex {

    private record Key(IndexAction action, List<? extends GroupElement> elements, long[] shape, boolean each) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.action == action && k.elements.equals(elements)
                    && Arrays.equals(k.shape, shape) && k.each == each;
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(action), elements, Arrays.hashCode(shape), each);
        }
    }

    private static final int CAPACITY = 8;
    /** Larger indices are rebuilt rather than kept: eight of them must not pin hundreds of megabytes. */
    private static final int LARGEST_CACHED = 1 << 21;
    private static final Object NONE = new Object();
    private static final java.util.LinkedHashMap<Key, Object> CACHE = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Key, Object> eldest) {
            return size() > CAPACITY;
        }
    };

    private StackedIndex() {
    }

    /** The index into one unstacked tensor that gathers the whole stack {@code rho(g_s) x}. */
    static int[] each(IndexAction action, List<? extends GroupElement> elements, long[] slice) {
        Key key = new Key(action, List.copyOf(elements), slice.clone(), true);
        synchronized (CACHE) {
            Object cached = CACHE.get(key);
            if (cached != null) {
                return (int[]) cached;
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
        if (all.length <= LARGEST_CACHED) {
            synchronized (CACHE) {
                CACHE.put(key, all);
            }
        }
        return all;
    }

    /** The index, or null when every element acts as the identity. */
    static int[] of(IndexAction action, List<? extends GroupElement> elements, long[] slice) {
        Key key = new Key(action, List.copyOf(elements), slice.clone(), false);
        synchronized (CACHE) {
            Object cached = CACHE.get(key);
            if (cached != null) {
                return cached == NONE ? null : (int[]) cached;
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
        if (all.length <= LARGEST_CACHED) {
            synchronized (CACHE) {
                CACHE.put(key, moves ? all : NONE);
            }
        }
        return moves ? all : null;
    }
}
