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

    private record Key(IndexAction action, List<? extends GroupElement> elements, long[] shape) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.action == action && k.elements.equals(elements)
                    && Arrays.equals(k.shape, shape);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(action), elements, Arrays.hashCode(shape));
        }
    }

    private static final int CAPACITY = 8;
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

    /** The index, or null when every element acts as the identity. */
    static int[] of(IndexAction action, List<? extends GroupElement> elements, long[] slice) {
        Key key = new Key(action, List.copyOf(elements), slice.clone());
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
        synchronized (CACHE) {
            CACHE.put(key, moves ? all : NONE);
        }
        return moves ? all : null;
    }
}
