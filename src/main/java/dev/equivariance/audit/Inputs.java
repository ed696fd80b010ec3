package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.group.Permutation;
import dev.equivariance.search.InputSource;
import dev.equivariance.search.NodeIndexSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Draws the inputs of an audit or property from a spec: flexible sizes first, then the values. */
public final class Inputs {

    private Inputs() {
    }

    /** The first draw uses the largest sizes; later ones draw each size uniformly from its range. */
    public static Map<String, Integer> drawSizes(AuditSpec spec, RandomGenerator rng, int index) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        spec.sizes().forEach((symbol, range) -> sizes.put(symbol,
                index == 0 ? range[1] : range[0] + rng.nextInt(range[1] - range[0] + 1)));
        return sizes;
    }

    /**
     * Values for input {@code k} of the given shapes from its source; node indices are drawn among the nodes the
     * group permutes for these shapes.
     */
    static double[] sample(AuditSpec spec, int k, List<long[]> shapes, RandomGenerator rng) {
        InputSpec in = spec.inputs().get(k);
        if (in.source() instanceof NodeIndexSource nodes) {
            int n;
            try {
                n = spec.resolveGroup(shapes).identity().part(Permutation.class).map(Permutation::size).orElse(0);
            } catch (IllegalArgumentException e) {
                throw new AuditException("Input #" + k + " holds node indices (" + in.action().describe() + "), but "
                        + "the number of nodes is not known: " + e.getMessage(), e);
            }
            if (n < 1) {
                throw new AuditException("Input #" + k + " holds node indices (" + in.action().describe() + "), but the "
                        + "group " + spec.groupName() + " permutes no nodes: use S(n) (or a product with it) and "
                        + "permute(axis=0) on the node features");
            }
            return nodes.sample(shapes.get(k), rng, n);
        }
        return in.source().sample(shapes.get(k), rng);
    }

    /**
     * One input per declared input, with the given sizes.
     *
     * @throws AuditException when an input source returns the wrong number of values or non-finite ones
     */
    public static List<HostArray> generate(AuditSpec spec, RandomGenerator rng, int index, Map<String, Integer> sizes) {
        List<HostArray> input = new ArrayList<>();
        List<long[]> shapes = spec.inputs().stream().map(in -> in.shapeFor(sizes)).toList();
        for (int k = 0; k < spec.inputs().size(); k++) {
            InputSpec in = spec.inputs().get(k);
            long[] shape = shapes.get(k);
            double[] values = sample(spec, k, shapes, rng);
            if (values == null || values.length != InputSource.count(shape)) {
                throw new AuditException("The input source for input #" + k + " returned "
                        + (values == null ? "null" : values.length + " values") + " for shape " + Arrays.toString(shape)
                        + "; it must return " + InputSource.count(shape) + " values in row-major order");
            }
            for (double v : values) {
                if (in.source().integer() && v != Math.rint(v)) {
                    throw new AuditException("The integer input source for input #" + k + " produced " + v
                            + " (sample #" + index + "); integer inputs (indices) must be whole numbers");
                }
                if (!Double.isFinite(v)) {
                    throw new AuditException("The input source for input #" + k + " produced NaN or Inf (sample #"
                            + index + "); inputs must be finite");
                }
            }
            input.add(new HostArray(values, shape, in.source().integer()));
        }
        return input;
    }
}
