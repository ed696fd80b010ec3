package dev.equivariance.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simpler versions of a failing input, most promising first: fewer points (a smaller value of each flexible size,
 * keeping the first entries), a batch of one, then simpler values (rounded to integers, half of them zero).
 */
public final class InputShrinker {

    /** A candidate input, the flexible sizes it has, and what was simplified. */
    public record Candidate(List<HostArray> input, Map<String, Integer> sizes, String change) {
    }

    private InputShrinker() {
    }

    /**
     * Candidates for {@code input}.
     *
     * @param symbols per input, per axis, the size symbol of a flexible axis (or null)
     * @param sizes the current value of each symbol
     * @param minimums the smallest allowed value of each symbol
     * @param batchShrinkable whether the batch axis may be cut to one row
     */
    public static List<Candidate> candidates(List<HostArray> input, List<String[]> symbols, Map<String, Integer> sizes,
                                             Map<String, Integer> minimums, boolean batchShrinkable) {
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            int cur = e.getValue();
            int min = minimums.getOrDefault(e.getKey(), 1);
            for (int k : new int[] {min, (cur + min) / 2, cur - 1}) {
                if (k >= min && k < cur && out.stream().noneMatch(c -> c.sizes().get(e.getKey()) == k)) {
                    Map<String, Integer> s = new LinkedHashMap<>(sizes);
                    s.put(e.getKey(), k);
                    List<HostArray> cut = new ArrayList<>();
                    for (int i = 0; i < input.size(); i++) {
                        HostArray h = input.get(i);
                        for (int axis = 0; axis < h.shape().length; axis++) {
                            if (e.getKey().equals(symbols.get(i)[axis])) {
                                h = truncate(h, axis, k);
                            }
                        }
                        cut.add(h);
                    }
                    out.add(new Candidate(cut, s, e.getKey() + " = " + k + " (from " + cur + ")"));
                }
            }
        }
        if (batchShrinkable && input.stream().allMatch(h -> h.shape()[0] > 1)) {
            List<HostArray> one = input.stream().map(h -> truncate(h, 0, 1)).toList();
            out.add(new Candidate(one, sizes, "batch of 1 (from " + input.get(0).shape()[0] + ")"));
        }
        List<HostArray> rounded = input.stream().map(h -> map(h, Math::rint)).toList();
        if (!sameValues(rounded, input)) {
            out.add(new Candidate(rounded, sizes, "values rounded to integers"));
        }
        List<HostArray> halfZero = input.stream().map(InputShrinker::zeroSecondHalf).toList();
        if (!sameValues(halfZero, input)) {
            out.add(new Candidate(halfZero, sizes, "half of the values set to zero"));
        }
        return out;
    }

    /** The first {@code k} entries of {@code h} along {@code axis}. */
    public static HostArray truncate(HostArray h, int axis, int k) {
        long[] shape = h.shape();
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        long inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        long[] newShape = shape.clone();
        newShape[axis] = k;
        double[] out = new double[(int) (outer * k * inner)];
        int p = 0;
        for (long o = 0; o < outer; o++) {
            for (long j = 0; j < k; j++) {
                long base = (o * shape[axis] + j) * inner;
                for (long q = 0; q < inner; q++) {
                    out[p++] = h.data()[(int) (base + q)];
                }
            }
        }
        return h.with(out, newShape);
    }

    private static HostArray map(HostArray h, java.util.function.DoubleUnaryOperator f) {
        double[] d = h.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(d[i]);
        }
        return h.with(d, h.shape());
    }

    private static HostArray zeroSecondHalf(HostArray h) {
        if (h.integer()) {
            return h; // indices (edge_index) are structure, not values to simplify
        }
        double[] d = h.data().clone();
        int nonZero = 0;
        for (double v : d) {
            if (v != 0) {
                nonZero++;
            }
        }
        int keep = nonZero / 2;
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0) {
                if (keep > 0) {
                    keep--;
                } else {
                    d[i] = 0;
                }
            }
        }
        return h.with(d, h.shape());
    }

    private static boolean sameValues(List<HostArray> a, List<HostArray> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i).data(), b.get(i).data())) {
                return false;
            }
        }
        return true;
    }
}
