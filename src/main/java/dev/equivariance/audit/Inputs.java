package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.search.InputSource;
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
     * One input per declared input, with the given sizes.
     *
     * @throws AuditException when an input source returns the wrong number of values or non-finite ones
     */
    public static List<HostArray> generate(AuditSpec spec, RandomGenerator rng, int index, Map<String, Integer> sizes) {
        List<HostArray> input = new ArrayList<>();
        for (int k = 0; k < spec.inputs().size(); k++) {
            InputSpec in = spec.inputs().get(k);
            long[] shape = in.shapeFor(sizes);
            double[] values = in.source().sample(shape, rng);
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
