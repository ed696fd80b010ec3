package dev.equivariance.audit;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes the pair errors of one input against many elements: f(x) once, the transformed inputs stacked along the
 * batch axis into as few forward passes as {@code maxBatch} allows, the comparison in float64 on the backend.
 */
final class Evaluator {

    private final AuditedModel model;
    private final TensorBackend backend;
    private final Group<?> group;
    private final List<Action> inputActions;
    private final List<Action> declaredOutputs;
    private final boolean invariant;
    private final int maxBatch;
    private List<Action> outputActions;
    private List<long[]> outputShapes;
    private boolean batching;
    private final List<String> notes = new ArrayList<>();
    private int forwardCalls;
    private final java.util.Map<Integer, Integer> tinyOutputs = new java.util.TreeMap<>();
    private int scaled;
    private double smallestTinyRms = Double.POSITIVE_INFINITY;

    Evaluator(AuditedModel model, Group<?> group, List<Action> inputActions, List<long[]> inputShapes,
              List<Action> declaredOutputs, boolean invariant, int maxBatch) {
        this.model = model;
        this.backend = model.backend();
        this.group = group;
        this.inputActions = inputActions;
        this.declaredOutputs = declaredOutputs;
        this.invariant = invariant;
        this.maxBatch = maxBatch;
        this.batching = maxBatch > 1;
        for (int k = 0; k < inputActions.size(); k++) {
            if (batching && inputActions.get(k).touchesAxis(0, inputShapes.get(k).length)) {
                batching = false;
                notes.add("Inputs were not stacked along the batch axis because input #" + k + "'s action ("
                        + inputActions.get(k).describe() + ") may act on axis 0.");
            }
        }
    }

    /** Whether transformed inputs run stacked along the batch axis (the model keeps batch rows apart). */
    boolean batching() {
        return batching;
    }

    List<String> notes() {
        return notes;
    }

    /**
     * Counts, for one of the audit's own inputs, which outputs were so small that their squares underflow the model's
     * dtype (root mean square below the square root of its smallest normal number, about 1.1e-19 in float32). Such
     * outputs are compared in float64 whatever their inputs; only the audit's inputs (not shrink candidates) count.
     */
    void noteScale(Prepared p) {
        scaled++;
        for (int j = 0; j < p.tiny.length; j++) {
            if (p.tiny[j]) {
                tinyOutputs.merge(j, 1, Integer::sum);
                double rms = Math.sqrt(p.fxSumOfSquares(j) / Math.max(1, p.fx.get(j).size()));
                smallestTinyRms = Math.min(smallestTinyRms, rms);
            }
        }
    }

    /** For each output that was too small for some counted input, for how many of them. */
    java.util.Map<Integer, Integer> tinyOutputs() {
        return tinyOutputs;
    }

    /** How many inputs {@link #noteScale} counted. */
    int scaledInputs() {
        return scaled;
    }

    /** The smallest root mean square of such an output (infinite when there is none). */
    double smallestTinyRms() {
        return smallestTinyRms;
    }

    int forwardCalls() {
        return forwardCalls;
    }

    /** One input uploaded to the backend, with f(x) computed; valid inside the scope it was prepared in. */
    final class Prepared {
        final int index;
        final List<HostArray> host;
        final List<Tensor> x64;
        final List<Tensor> xm;
        final List<Tensor> fx;
        private final Tensor[] fx64;
        private final double[] fxSumOfSquares;
        /** Per output: its squares underflow the model's dtype, so it is compared in float64. */
        final boolean[] tiny;

        Prepared(int index, List<HostArray> host, List<Tensor> x64, List<Tensor> xm, List<Tensor> fx,
                 double[] fxSumOfSquares) {
            this.index = index;
            this.host = host;
            this.x64 = x64;
            this.xm = xm;
            this.fx = fx;
            this.fx64 = new Tensor[fx.size()];
            this.fxSumOfSquares = fxSumOfSquares;
            this.tiny = new boolean[fx.size()];
        }

        /**
         * Output {@code j} of f(x) in float64, converted on first use (exact actions never need it). Outputs with
         * arithmetic actions are converted in {@link #prepare}, so that the copy lives as long as this input.
         */
        Tensor fx64(int j) {
            if (fx64[j] == null) {
                fx64[j] = fx.get(j).cast(DType.FLOAT64);
            }
            return fx64[j];
        }

        /** ||f(x)_j||^2 in float64. */
        double fxSumOfSquares(int j) {
            return fxSumOfSquares[j];
        }
    }

    /**
     * Uploads an input and computes f(x) (must be called inside a scope). The squared norms of the outputs, needed by
     * every comparison, double as the check that f(x) is finite.
     */
    Prepared prepare(int index, List<HostArray> input) {
        List<Tensor> x64 = new ArrayList<>();
        for (HostArray h : input) {
            x64.add(backend.fromDoubles(h.data(), h.shape(), DType.FLOAT64));
        }
        List<Tensor> xm = cast(x64);
        List<Tensor> fx = forward(xm, "f(x) for input #" + index, null);
        double[] norms = new double[fx.size()];
        for (int j = 0; j < fx.size(); j++) {
            Tensor y = fx.get(j);
            norms[j] = y.sumOfSquares();
            if (!Double.isFinite(norms[j])) {
                throw new AuditException("The model returned NaN or Inf in output #" + j + " (shape "
                        + Arrays.toString(y.shape()) + ") for generated input #" + index + " of shapes " + shapes(input)
                        + ", whose values are finite. Fix the model's numerics (division by zero, log or sqrt of "
                        + "negative values, uninitialised or NaN parameters) before auditing its symmetry.");
            }
        }
        bindOutputs(fx);
        Prepared p = new Prepared(index, input, x64, xm, fx, norms);
        for (int j = 0; j < fx.size(); j++) {
            double rms = Math.sqrt(norms[j] / Math.max(1, fx.get(j).size()));
            p.tiny[j] = rms < FloatLimits.squaresUnderflowBelow(model.dtype());
            if (!outputActions.get(j).exactInAnyDtype() || p.tiny[j]) {
                p.fx64(j); // now, in the caller's scope: comparisons run in nested scopes that close per chunk
            }
        }
        return p;
    }

    /** Computes f(x) again and returns its relative distance to the first result (a determinism probe). */
    double determinismGap(Prepared p) {
        List<Tensor> again = forward(cast(p.x64), "f(x) (repeated) for input #" + p.index, null);
        double diff = 0;
        double norm = 0;
        for (int j = 0; j < again.size(); j++) {
            Tensor d = again.get(j).cast(DType.FLOAT64).subtract(p.fx64(j));
            diff += d.sumOfSquares();
            norm += p.fxSumOfSquares(j);
        }
        return PairError.of(0, diff, norm).relative();
    }

    /**
     * The pair errors of input {@code p} under each element. Elements are taken in chunks: every input and f(x) are
     * tiled once per chunk and transformed slice by slice in a few stacked operations, the transformed inputs run as
     * one batch along the batch axis (when the model allows), and the errors of all slices come back in one transfer.
     */
    PairError[] evaluate(Prepared p, List<? extends GroupElement> elements) {
        PairError[] out = new PairError[elements.size()];
        long rows = p.host.stream().mapToLong(h -> h.shape()[0]).max().orElse(1);
        int chunk = (int) Math.max(1, Math.min(256, maxBatch / rows));
        for (int start = 0; start < elements.size(); start += chunk) {
            List<? extends GroupElement> part = elements.subList(start, Math.min(elements.size(), start + chunk));
            try (TensorScope scope = backend.openScope()) {
                List<Tensor> inputs = new ArrayList<>();
                for (int k = 0; k < p.x64.size(); k++) {
                    Action a = inputActions.get(k);
                    inputs.add(a.exactInAnyDtype() ? applyStacked(a, part, p.xm.get(k), "input #" + k)
                            : applyStacked(a, part, p.x64.get(k), "input #" + k).cast(model.dtype()));
                }
                List<Tensor> outputs = forwardStacked(p, inputs, part);
                PairError[] errors = compare(part, outputs, p);
                System.arraycopy(errors, 0, out, start, errors.length);
            }
        }
        return out;
    }

    /** Runs the model on stacked inputs (slice s transformed by element s); outputs come back stacked the same way. */
    private List<Tensor> forwardStacked(Prepared p, List<Tensor> stacked, List<? extends GroupElement> part) {
        int count = part.size();
        if (batching && count > 1) {
            List<Tensor> flat = new ArrayList<>();
            for (Tensor t : stacked) {
                flat.add(t.reshape(Stacks.merged(t.shape())));
            }
            List<Tensor> batched;
            try {
                batched = forward(flat, "f(g x) for input #" + p.index + " (batched)", part.get(0));
            } catch (AuditException e) {
                batched = null;
                batching = false;
                notes.add("Inputs were not stacked along the batch axis: the model rejected a stacked batch of "
                        + flat.get(0).shape()[0] + " rows (" + firstLine(e.getCause() == null ? e.getMessage()
                        : String.valueOf(e.getCause().getMessage())).trim() + "), so each transformed input ran on its "
                        + "own. Export the model with a dynamic batch axis to make audits faster.");
            }
            if (batched != null) {
                List<Tensor> split = unmerge(batched, p, count);
                if (split != null) {
                    return split;
                }
                batching = false;
                notes.add("Inputs were not stacked along the batch axis: the model's outputs do not keep the batch "
                        + "axis (their first axis does not grow with the input batch).");
            }
        }
        List<List<Tensor>> perSlice = new ArrayList<>();
        long[] ones = new long[count];
        java.util.Arrays.fill(ones, 1);
        List<List<Tensor>> slicesPerInput = new ArrayList<>();
        for (Tensor t : stacked) {
            slicesPerInput.add(backend.split(t, 0, ones));
        }
        for (int s = 0; s < count; s++) {
            List<Tensor> in = new ArrayList<>();
            for (int k = 0; k < stacked.size(); k++) {
                long[] shape = stacked.get(k).shape();
                in.add(slicesPerInput.get(k).get(s).reshape(Arrays.copyOfRange(shape, 1, shape.length)));
            }
            perSlice.add(forward(in, "f(g x) for input #" + p.index + " and g = " + part.get(s), part.get(s)));
        }
        List<Tensor> outputs = new ArrayList<>();
        for (int j = 0; j < perSlice.get(0).size(); j++) {
            List<Tensor> column = new ArrayList<>();
            for (int s = 0; s < count; s++) {
                Tensor y = perSlice.get(s).get(j);
                long[] expected = p.fx.get(j).shape();
                if (!Arrays.equals(y.shape(), expected)) {
                    throw new AuditException("Output #" + j + " of the model has shape " + Arrays.toString(y.shape())
                            + " for the transformed input (g = " + part.get(s) + "), but shape "
                            + Arrays.toString(expected) + " for the input itself; a model audited for equivariance "
                            + "must give outputs of one shape. Check the declared actions and input shapes.");
                }
                column.add(y.reshape(Stacks.withLeading(y.shape())));
            }
            outputs.add(backend.concat(column, 0));
        }
        return outputs;
    }

    /** Splits batched outputs back into slices: (count * b, ...) to (count, b, ...), or null if the batch axis is lost. */
    private List<Tensor> unmerge(List<Tensor> batched, Prepared p, int count) {
        List<Tensor> out = new ArrayList<>();
        for (int j = 0; j < batched.size(); j++) {
            Tensor y = Stacks.unmerge(batched.get(j), p.fx.get(j).shape(), count);
            if (y == null) {
                return null;
            }
            out.add(y);
        }
        return out;
    }

    private PairError[] compare(List<? extends GroupElement> part, List<Tensor> outputs, Prepared p) {
        int count = part.size();
        double[] maxAbs = new double[count];
        double[] sumSqDiff = new double[count];
        double[] sumSqExpected = new double[count];
        for (int j = 0; j < outputs.size(); j++) {
            // index-only actions are exact in any dtype: compare in the model's dtype and reduce in float64; outputs
            // whose squares underflow the model's dtype are compared in float64, where they do not
            boolean exact = outputActions.get(j).exactInAnyDtype() && !p.tiny[j];
            Tensor actual = exact ? outputs.get(j) : outputs.get(j).cast(DType.FLOAT64);
            Tensor expected = applyStacked(outputActions.get(j), part, exact ? p.fx.get(j) : p.fx64(j),
                    "output #" + j);
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                long[] a = actual.shape();
                long[] e = expected.shape();
                throw new AuditException("Output #" + j + " of the model has shape "
                        + Arrays.toString(Arrays.copyOfRange(a, 1, a.length)) + " for the transformed input, but "
                        + "rho_out(g) f(x) has shape " + Arrays.toString(Arrays.copyOfRange(e, 1, e.length))
                        + ". The declared output action (" + outputActions.get(j).describe()
                        + ") does not fit the model's output.");
            }
            double[][] stats = actual.sliceDifferenceStatistics(expected);
            double[] dd = stats[0];
            double[] mm = stats[1];
            for (int s = 0; s < count; s++) {
                // f(x) is finite (checked in prepare), so a non-finite difference means f(g x) is not
                if (!Double.isFinite(dd[s]) || !Double.isFinite(mm[s])) {
                    throw new AuditException("The model returned NaN or Inf in output #" + j + " for the transformed "
                            + "input g x of input #" + p.index + " with g = " + part.get(s) + ", although f(x) was "
                            + "finite. Fix the model's numerics for inputs like g x (e.g. a division or log that is not "
                            + "safe).");
                }
            }
            double[] ee;
            if (outputActions.get(j).preservesNorm()) {
                ee = new double[count];
                java.util.Arrays.fill(ee, p.fxSumOfSquares(j));
            } else {
                ee = expected.sliceSumOfSquares();
            }
            for (int s = 0; s < count; s++) {
                sumSqDiff[s] += dd[s];
                sumSqExpected[s] += ee[s];
                maxAbs[s] = Math.max(maxAbs[s], mm[s]);
            }
        }
        PairError[] out = new PairError[count];
        for (int s = 0; s < count; s++) {
            out[s] = PairError.of(maxAbs[s], sumSqDiff[s], sumSqExpected[s]);
        }
        return out;
    }

    /** Tiles {@code x} once per element and lets the action transform the stack, with errors naming the action. */
    private Tensor applyStacked(Action action, List<? extends GroupElement> part, Tensor x, String where) {
        try {
            return action.applyEach(part, x);
        } catch (AuditException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuditException("The action " + action.describe() + " on " + where + " failed for g in "
                    + part + ": " + e.getMessage(), e);
        }
    }

    private void bindOutputs(List<Tensor> fx64) {
        // only the outputs' shapes and count matter here
        if (outputActions != null) {
            return;
        }
        List<Action> declared = declaredOutputs;
        if (invariant && declared.isEmpty()) {
            declared = new ArrayList<>();
            for (int j = 0; j < fx64.size(); j++) {
                declared.add(Actions.trivial());
            }
        }
        if (declared.size() != fx64.size()) {
            throw new AuditException("The model returned " + fx64.size() + " output(s) but " + declared.size()
                    + " output action(s) are declared; declare one action per output");
        }
        List<Action> bound = new ArrayList<>();
        outputShapes = new ArrayList<>();
        for (int j = 0; j < declared.size(); j++) {
            outputShapes.add(fx64.get(j).shape());
            try {
                bound.add(declared.get(j).bind(fx64.get(j).shape(), group));
            } catch (IllegalArgumentException e) {
                throw new AuditException("Output #" + j + " (shape " + Arrays.toString(fx64.get(j).shape()) + "): "
                        + e.getMessage(), e);
            }
            if (batching && bound.get(j).touchesAxis(0, fx64.get(j).rank())) {
                batching = false;
                notes.add("Inputs were not stacked along the batch axis because output #" + j + "'s action acts on "
                        + "axis 0.");
            }
        }
        outputActions = bound;
    }

    List<Action> outputActions() {
        return outputActions;
    }

    /** The shape of output {@code j} of f(x) for this context's inputs (known after the first prepare). */
    long[] outputShape(int j) {
        return outputShapes.get(j);
    }

    private List<Tensor> cast(List<Tensor> x64) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : x64) {
            out.add(model.dtype() == DType.FLOAT64 ? t : t.cast(model.dtype()));
        }
        return out;
    }

    private List<Tensor> forward(List<Tensor> inputs, String what, GroupElement g) {
        forwardCalls++;
        List<Tensor> out;
        try {
            out = model.forward(inputs);
        } catch (AuditException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
            List<String> shapes = inputs.stream().map(t -> Arrays.toString(t.shape())).toList();
            throw new AuditException("The model threw " + e.getClass().getSimpleName() + " while computing " + what
                    + " with inputs of shapes " + shapes + " (" + model.dtype() + "): " + firstLine(e.getMessage())
                    + ". Check that the declared input shapes (batch axis first) and dtype are what the model expects"
                    + (g == null ? "" : ", and that the model accepts transformed inputs"), e);
        }
        if (out == null || out.isEmpty()) {
            throw new AuditException("The model returned no output while computing " + what);
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String shapes(List<HostArray> input) {
        return input.stream().map(HostArray::shapeString).toList().toString();
    }
}
