package dev.equivariance.audit;

import dev.equivariance.rep.Action;
import dev.equivariance.search.InputSource;
import java.util.Arrays;
import java.util.Map;

/**
 * One model input: its shape (batch axis included), how the group acts on it, and how values are drawn. An axis
 * may be flexible: it carries a size symbol (e.g. {@code n} in {@code "4,n,3"}) whose range the spec declares;
 * {@code shape} then holds the largest size.
 *
 * @param symbols per axis the size symbol, or null for a fixed axis
 */
public record InputSpec(long[] shape, String[] symbols, Action action, InputSource source) {

    public InputSpec {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("An input needs a shape with at least one axis (the batch axis), "
                    + "e.g. inputShape = {4, 10, 3}");
        }
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("Input shape " + Arrays.toString(shape)
                        + " has a non-positive dimension");
            }
        }
        shape = shape.clone();
        symbols = symbols == null ? new String[shape.length] : symbols.clone();
        if (symbols.length != shape.length) {
            throw new IllegalArgumentException("One size symbol slot per axis expected");
        }
        if (source == null && action != null && action.indexValued()) {
            source = InputSource.nodeIndices();
        }
        if (source == null) {
            source = InputSource.gaussian();
        }
    }

    /** A fixed-shape input. */
    public InputSpec(long[] shape, Action action, InputSource source) {
        this(shape, null, action, source);
    }

    /**
     * Parses a shape such as {@code "4,n,3"} (or {@code "4x10x3"}); symbols must have a range in {@code ranges}.
     */
    static InputSpec parse(String shape, Action action, InputSource source, Map<String, int[]> ranges) {
        String[] parts = shape.trim().replaceAll("[\\[\\](){}]", "").split("\\s*[,x×]\\s*");
        long[] dims = new long[parts.length];
        String[] symbols = new String[parts.length];
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].trim();
            if (p.matches("\\d+")) {
                dims[k] = Long.parseLong(p);
            } else if (p.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                int[] range = ranges.get(p);
                if (range == null) {
                    throw new IllegalArgumentException("Input shape '" + shape + "' uses the size '" + p
                            + "' but no range is declared for it; declare e.g. sizes = \"" + p + "=2..12\"");
                }
                dims[k] = range[1];
                symbols[k] = p;
            } else {
                throw new IllegalArgumentException("Malformed input shape '" + shape + "': write e.g. \"4,10,3\" or "
                        + "\"4,n,3\" with a declared size n");
            }
        }
        return new InputSpec(dims, symbols, action, source);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String[] symbols() {
        return symbols.clone();
    }

    /** Whether any axis is flexible. */
    public boolean flexible() {
        return Arrays.stream(symbols).anyMatch(s -> s != null);
    }

    /** The concrete shape for the given symbol values. */
    public long[] shapeFor(Map<String, Integer> sizes) {
        long[] s = shape.clone();
        for (int k = 0; k < s.length; k++) {
            if (symbols[k] != null) {
                s[k] = sizes.get(symbols[k]);
            }
        }
        return s;
    }

    /** The shape as declared, e.g. {@code [4, n, 3]}. */
    public String describeShape() {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < shape.length; k++) {
            sb.append(k > 0 ? ", " : "").append(symbols[k] != null ? symbols[k] : Long.toString(shape[k]));
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return describeShape() + " " + action.describe();
    }
}
