package dev.equivariance.audit;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.ModelClosedException;
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

    /** How many transformed inputs the pass that verifies the batch axis carries, at most. */
    private static final int PROBE_ELEMENTS = 2;

    private final AuditedModel model;
    private final TensorBackend backend;
    private final Group<?> group;
    private final List<Action> inputActions;
    private final List<Action> declaredOutputs;
    private final boolean invariant;
    private final int maxBatch;
    private final BatchKnowledge batch;
    private BatchFinding finding;
    private List<Action> outputActions;
    private List<long[]> outputShapes;
    private boolean batching;
    private boolean outputsAllowStacking = true;
    private final List<String> notes = new ArrayList<>();
    private int forwardCalls;
    /** The batch axis is still to be verified, in the next stacked forward pass. */
    private boolean probePending;
    /** Whether some element moved some input of the first input evaluated; null before that evaluation. */
    private Boolean firstInputMoved;
    /** The relative difference measured by the last verification within a stacked pass. */
    private double lastGap;
    private final java.util.Map<Integer, Integer> tinyOutputs = new java.util.TreeMap<>();
    private int scaled;
    private double smallestTinyRms = Double.POSITIVE_INFINITY;

    Evaluator(AuditedModel model, Group<?> group, List<Action> inputActions, List<long[]> inputShapes,
              List<Action> declaredOutputs, boolean invariant, int maxBatch, BatchKnowledge batch) {
        this.model = model;
        this.backend = model.backend();
        this.group = group;
        this.inputActions = inputActions;
        this.declaredOutputs = declaredOutputs;
        this.invariant = invariant;
        this.maxBatch = maxBatch;
        this.batch = batch;
        boolean actedOn = false;
        for (int k = 0; k < inputActions.size(); k++) {
            actedOn |= inputActions.get(k).touchesAxis(0, inputShapes.get(k).length);
        }
        this.finding = switch (batch.declared()) {
            case NONE -> BatchFinding.of(BatchFinding.Kind.DECLARED_NONE);
            case INDEPENDENT -> BatchFinding.of(actedOn ? BatchFinding.Kind.ACTED_ON
                    : BatchFinding.Kind.DECLARED_INDEPENDENT);
            case AUTO -> actedOn ? BatchFinding.of(BatchFinding.Kind.ACTED_ON) : null;
        };
        this.batching = maxBatch > 1 && finding != null && finding.allowsStacking();
        if (finding != null && finding.note() != null) {
            notes.add(finding.note());
        }
    }

    /**
     * What axis 0 is: declared, or verified on the first prepared input (before that, for an undeclared batch axis,
     * null).
     */
    BatchFinding batchFinding() {
        return finding;
    }

    /** The audit's batch-axis knowledge, for evaluators of the same inputs (detectors) to reuse. */
    BatchKnowledge batchKnowledge() {
        return batch;
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
            x64.add(Uploads.exact(backend, h));
        }
        List<Tensor> xm = cast(x64);
        List<Tensor> fx = forward(xm, "f(x) for input #" + index, null);
        double[] norms = new double[fx.size()];
        for (int j = 0; j < fx.size(); j++) {
            Tensor y = fx.get(j);
            requireFloatingPoint(y, j);
            norms[j] = y.sumOfSquares();
            if (!Double.isFinite(norms[j])) {
                throw new AuditException("The model returned NaN or Inf in output #" + j + " (shape "
                        + Arrays.toString(y.shape()) + ") for generated input #" + index + " of shapes " + shapes(input)
                        + ", whose values are finite. Fix the model's numerics (division by zero, log or sqrt of "
                        + "negative values, uninitialised or NaN parameters) before auditing its symmetry.");
            }
        }
        bindOutputs(fx);
        if (finding == null) {
            if (batch.known() || maxBatch <= 1 || !outputsAllowStacking) {
                verifyBatchAxis(input, fx);
            } else {
                probePending = true; // checked within the first stacked forward pass (see forwardVerifying)
            }
        }
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

    /**
     * Verifies, once per audit (the finding is shared by every shape of it), whether axis 0 holds independent
     * samples; transformed inputs are stacked along it only if so.
     */
    private void verifyBatchAxis(List<HostArray> input, List<Tensor> fx) {
        adopt(batch.find(() -> {
            List<HostArray> fa = new ArrayList<>();
            for (Tensor y : fx) {
                fa.add(new HostArray(y.toDoubles(), y.shape()));
            }
            forwardCalls += 1;
            return BatchProbe.examine(model, input, fa, batch.otherInput(input), batch.threshold());
        }));
    }

    /** Takes the audit's batch-axis finding: stacking along axis 0 follows it. */
    private void adopt(BatchFinding found) {
        finding = found;
        batching = batching || maxBatch > 1 && finding.allowsStacking() && outputsAllowStacking;
        String note = finding.note();
        if (note != null && !notes.contains(note)) {
            notes.add(note);
        }
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
        boolean watchMoves = firstInputMoved == null;
        boolean moved = false;
        for (int start = 0; start < elements.size(); ) {
            // the pass that verifies the batch axis carries x and another input, and at most two transformed
            // inputs: when the rows interact (a graph) it was in vain, and must not cost much more than the probe
            int size = probePending ? Math.max(1, Math.min(PROBE_ELEMENTS, chunk - 2)) : chunk;
            List<? extends GroupElement> part = elements.subList(start, Math.min(elements.size(), start + size));
            try (TensorScope scope = backend.openScope()) {
                List<Tensor> inputs = new ArrayList<>();
                for (int k = 0; k < p.x64.size(); k++) {
                    Action a = inputActions.get(k);
                    Tensor source = a.exactInAnyDtype() ? p.xm.get(k) : p.x64.get(k);
                    Tensor transformed = applyStacked(a, part, source, "input #" + k);
                    if (watchMoves && !moved) {
                        moved = VacuityCheck.moves(transformed, source, p.host.get(k));
                    }
                    inputs.add(Uploads.inModelType(transformed, model.dtype()));
                }
                List<Tensor> outputs = probePending ? forwardVerifying(p, inputs, part) : forwardStacked(p, inputs,
                        part);
                PairError[] errors = compare(part, outputs, p);
                System.arraycopy(errors, 0, out, start, errors.length);
            }
            start += part.size();
        }
        if (probePending) {
            probePending = false;
            verifyBatchAxis(p.host, p.fx);
        }
        if (watchMoves && !elements.isEmpty()) {
            firstInputMoved = moved;
        }
        return out;
    }

    /**
     * Whether some element moved some input of the first input this evaluator evaluated (empty before then): when
     * one did, the audit is not vacuous.
     */
    java.util.Optional<Boolean> firstInputMoved() {
        return java.util.Optional.ofNullable(firstInputMoved);
    }

    /**
     * The first stacked forward pass of an audit whose batch axis is not verified yet: x and another input b of the
     * same shapes come first, as in {@link BatchProbe}, then the transformed inputs; x's rows of the result must equal
     * f(x), computed alone (a graph's nodes would see the other rows, batch statistics the other samples). When they
     * do, the transformed inputs' outputs are used as they are; otherwise (or when the model refuses the larger batch)
     * the batch axis is examined on its own, as {@link BatchProbe} does, and the transformed inputs run as that
     * finding allows.
     */
    private List<Tensor> forwardVerifying(Prepared p, List<Tensor> stacked, List<? extends GroupElement> part) {
        probePending = false;
        int count = part.size();
        List<HostArray> other = batch.otherInput(p.host);
        List<Tensor> together = new ArrayList<>();
        for (int k = 0; k < stacked.size(); k++) {
            Tensor t = stacked.get(k);
            together.add(backend.concat(List.of(p.xm.get(k), Uploads.inModelType(backend, other.get(k),
                    model.dtype()), t.reshape(Stacks.merged(t.shape()))), 0));
        }
        List<Tensor> out;
        forwardCalls++;
        try {
            out = model.forward(together);
        } catch (ModelClosedException e) {
            throw new AuditException(e.getMessage(), e);
        } catch (RuntimeException e) {
            out = null;
        }
        List<Tensor> own = out == null ? null : ownRowsIfIndependent(p, out, count);
        if (own != null) {
            BatchFinding verified = batch.find(() -> new BatchFinding(BatchFinding.Kind.VERIFIED_INDEPENDENT,
                    lastGap, false));
            adopt(verified);
            if (batching) {
                return own;
            }
        } else {
            verifyBatchAxis(p.host, p.fx);
        }
        return forwardStacked(p, stacked, part);
    }

    /**
     * The outputs of the transformed inputs, stacked, when x's rows of the joint pass equal f(x) (within the batch
     * threshold) and every output kept the batch axis; null otherwise.
     */
    private List<Tensor> ownRowsIfIndependent(Prepared p, List<Tensor> out, int count) {
        if (out.size() != p.fx.size()) {
            return null;
        }
        List<Tensor> own = new ArrayList<>();
        double gap = 0;
        for (int j = 0; j < out.size(); j++) {
            Tensor y = out.get(j);
            long[] single = p.fx.get(j).shape();
            long[] m = y.shape();
            if (single.length == 0 || m.length != single.length || m[0] != single[0] * (count + 2)
                    || !Arrays.equals(m, 1, m.length, single, 1, single.length)) {
                return null;
            }
            List<Tensor> parts = backend.split(y, 0, new long[] {single[0], single[0], single[0] * count});
            gap = Math.max(gap, HostRuns.relative(parts.get(0).toDoubles(), p.fx.get(j).toDoubles()));
            own.add(Stacks.unmerge(parts.get(2), single, count));
        }
        if (!(gap <= batch.threshold())) {
            return null;
        }
        lastGap = gap;
        return own;
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
                notes.add("Inputs were not stacked along the batch axis: the model's outputs for a stacked batch are "
                        + "not the stacked outputs of its parts (their first axis does not grow with the input batch, "
                        + "or their other axes change with it).");
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
                            + Arrays.toString(expected) + " for the input itself: its shape changed between calls "
                            + "with inputs of one shape. A model audited for equivariance must give outputs whose "
                            + "shape depends only on the input's shape: look for state kept between calls (caches, "
                            + "counters, buffers sized on the first call) or shapes that depend on values (masks, "
                            + "nonzero, unique), and check the declared actions and input shapes.");
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
            Action rho = outputActions.get(j);
            boolean exact = rho.exactInAnyDtype() && !p.tiny[j];
            Tensor actual = exact ? outputs.get(j) : outputs.get(j).cast(DType.FLOAT64);
            Tensor expected = applyStacked(rho, part, exact ? p.fx.get(j) : p.fx64(j), "output #" + j);
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                long[] a = actual.shape();
                long[] e = expected.shape();
                throw new AuditException("Output #" + j + " of the model has shape "
                        + Arrays.toString(Arrays.copyOfRange(a, 1, a.length)) + " for the transformed input, but "
                        + "rho_out(g) f(x) has shape " + Arrays.toString(Arrays.copyOfRange(e, 1, e.length))
                        + ". The declared output action (" + outputActions.get(j).describe()
                        + ") does not fit the model's output.");
            }
            // both sides restricted to the part the action compares (all of it, or e.g. a disk of the grid)
            actual = rho.compared(actual);
            expected = rho.compared(expected);
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
            if (outputsAllowStacking && bound.get(j).touchesAxis(0, fx64.get(j).rank())) {
                outputsAllowStacking = false;
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
            out.add(Uploads.inModelType(t, model.dtype()));
        }
        return out;
    }

    /** Boolean and integer outputs cannot be compared or transformed as the audit does: say so, with the fix. */
    private static void requireFloatingPoint(Tensor y, int j) {
        String type;
        IllegalStateException cause = null;
        try {
            DType t = y.dtype();
            type = t.isInteger() ? t.toString() : null;
        } catch (IllegalStateException e) {
            String m = firstLine(e.getMessage());
            type = m.substring(m.lastIndexOf(':') + 1).trim();
            cause = e;
        }
        if (type != null) {
            throw new AuditException("Output #" + j + " of the model (shape " + Arrays.toString(y.shape()) + ") is "
                    + type + ", not floating point. The audit measures how far f(g x) is from "
                    + "rho_out(g) f(x) in floating point; boolean and integer outputs (a mask, a class index) cannot be "
                    + "transformed by most actions, and a threshold or argmax hides small symmetry errors. Audit the "
                    + "floating-point output the model computes before it (logits, scores), or cast the output to "
                    + "float in the model (DJL: output.toType(DataType.FLOAT32, false); ND4J: castTo(DataType.FLOAT)).",
                    cause);
        }
    }

    private List<Tensor> forward(List<Tensor> inputs, String what, GroupElement g) {
        forwardCalls++;
        List<Tensor> out;
        try {
            out = model.forward(inputs);
        } catch (AuditException e) {
            throw e;
        } catch (ModelClosedException e) {
            throw new AuditException(e.getMessage(), e);
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
