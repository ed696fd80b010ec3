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

    List<String> notes() {
        return notes;
    }

    int forwardCalls() {
        return forwardCalls;
    }

    /** One input uploaded to the backend, with f(x) computed; valid inside the scope it was prepared in. */
    final class Prepared {
        final int index;
        final List<HostArray> host;
        final List<Tensor> x64;
        final List<Tensor> fx64;

        Prepared(int index, List<HostArray> host, List<Tensor> x64, List<Tensor> fx64) {
            this.index = index;
            this.host = host;
            this.x64 = x64;
            this.fx64 = fx64;
        }
    }

    /** Uploads an input and computes f(x) (must be called inside a scope). */
    Prepared prepare(int index, List<HostArray> input) {
        List<Tensor> x64 = new ArrayList<>();
        for (HostArray h : input) {
            x64.add(backend.fromDoubles(h.data(), h.shape(), DType.FLOAT64));
        }
        List<Tensor> fx = forward(cast(x64), "f(x) for input #" + index, null);
        List<Tensor> fx64 = new ArrayList<>();
        for (int j = 0; j < fx.size(); j++) {
            Tensor y = fx.get(j);
            if (!y.isFinite()) {
                throw new AuditException("The model returned NaN or Inf in output #" + j + " (shape "
                        + Arrays.toString(y.shape()) + ") for generated input #" + index + " of shapes " + shapes(input)
                        + ", whose values are finite. Fix the model's numerics (division by zero, log or sqrt of "
                        + "negative values, uninitialised or NaN parameters) before auditing its symmetry.");
            }
            fx64.add(y.cast(DType.FLOAT64));
        }
        bindOutputs(fx64);
        return new Prepared(index, input, x64, fx64);
    }

    /** Computes f(x) again and returns its relative distance to the first result (a determinism probe). */
    double determinismGap(Prepared p) {
        List<Tensor> again = forward(cast(p.x64), "f(x) (repeated) for input #" + p.index, null);
        double diff = 0;
        double norm = 0;
        for (int j = 0; j < again.size(); j++) {
            Tensor d = again.get(j).cast(DType.FLOAT64).subtract(p.fx64.get(j));
            diff += d.sumOfSquares();
            norm += p.fx64.get(j).sumOfSquares();
        }
        return PairError.of(0, diff, norm).relative();
    }

    /** The pair errors of input {@code p} under each element. */
    PairError[] evaluate(Prepared p, List<? extends GroupElement> elements) {
        PairError[] out = new PairError[elements.size()];
        long rows = p.host.stream().mapToLong(h -> h.shape()[0]).max().orElse(1);
        int chunk = batching ? (int) Math.max(1, maxBatch / rows) : 1;
        for (int start = 0; start < elements.size(); start += chunk) {
            List<? extends GroupElement> part = elements.subList(start, Math.min(elements.size(), start + chunk));
            try (TensorScope scope = backend.openScope()) {
                List<List<Tensor>> outputs = forwardTransformed(p, part);
                for (int i = 0; i < part.size(); i++) {
                    out[start + i] = compare(part.get(i), outputs.get(i), p);
                }
            }
        }
        return out;
    }

    private List<List<Tensor>> forwardTransformed(Prepared p, List<? extends GroupElement> part) {
        List<List<Tensor>> transformed = new ArrayList<>();
        for (GroupElement g : part) {
            List<Tensor> gx = new ArrayList<>();
            for (int k = 0; k < p.x64.size(); k++) {
                gx.add(applyAction(inputActions.get(k), g, p.x64.get(k), "input #" + k).cast(model.dtype()));
            }
            transformed.add(gx);
        }
        List<List<Tensor>> outputs = new ArrayList<>();
        if (part.size() > 1) {
            List<Tensor> stacked = new ArrayList<>();
            for (int k = 0; k < p.x64.size(); k++) {
                List<Tensor> column = new ArrayList<>();
                for (List<Tensor> gx : transformed) {
                    column.add(gx.get(k));
                }
                stacked.add(backend.concat(column, 0));
            }
            List<Tensor> batched;
            try {
                batched = forward(stacked, "f(g x) for input #" + p.index + " (batched)", part.get(0));
            } catch (AuditException e) {
                batched = null;
                batching = false;
                notes.add("Inputs were not stacked along the batch axis: the model rejected a stacked batch of "
                        + stacked.get(0).shape()[0] + " rows (" + firstLine(e.getCause() == null ? e.getMessage()
                        : String.valueOf(e.getCause().getMessage())).trim() + "), so each transformed input ran on its "
                        + "own. Export the model with a dynamic batch axis to make audits faster.");
            }
            if (batched != null) {
                List<List<Tensor>> split = splitBatch(batched, p, part.size());
                if (split != null) {
                    return split;
                }
                batching = false;
                notes.add("Inputs were not stacked along the batch axis: the model's outputs do not keep the batch "
                        + "axis (their first axis does not grow with the input batch).");
            }
        }
        for (int i = 0; i < part.size(); i++) {
            outputs.add(forward(transformed.get(i), "f(g x) for input #" + p.index + " and g = " + part.get(i),
                    part.get(i)));
        }
        return outputs;
    }

    private List<List<Tensor>> splitBatch(List<Tensor> batched, Prepared p, int count) {
        List<List<Tensor>> perElement = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            perElement.add(new ArrayList<>());
        }
        for (int j = 0; j < batched.size(); j++) {
            Tensor y = batched.get(j);
            long[] single = p.fx64.get(j).shape();
            if (single.length == 0 || y.rank() != single.length || y.shape()[0] != single[0] * count) {
                return null;
            }
            long[] sizes = new long[count];
            Arrays.fill(sizes, single[0]);
            List<Tensor> parts = backend.split(y, 0, sizes);
            for (int i = 0; i < count; i++) {
                perElement.get(i).add(parts.get(i));
            }
        }
        return perElement;
    }

    private PairError compare(GroupElement g, List<Tensor> actualOutputs, Prepared p) {
        double maxAbs = 0;
        double sumSqDiff = 0;
        double sumSqExpected = 0;
        for (int j = 0; j < actualOutputs.size(); j++) {
            Tensor actual = actualOutputs.get(j).cast(DType.FLOAT64);
            if (!actual.isFinite()) {
                throw new AuditException("The model returned NaN or Inf in output #" + j + " for the transformed input "
                        + "g x of input #" + p.index + " with g = " + g + ", although f(x) was finite. Fix the "
                        + "model's numerics for inputs like g x (e.g. a division or log that is not safe).");
            }
            Tensor expected = applyAction(outputActions.get(j), g, p.fx64.get(j), "output #" + j);
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                throw new AuditException("Output #" + j + " of the model has shape " + Arrays.toString(actual.shape())
                        + " for the transformed input, but rho_out(g) f(x) has shape " + Arrays.toString(
                        expected.shape()) + " (g = " + g + "). The declared output action ("
                        + outputActions.get(j).describe() + ") does not fit the model's output.");
            }
            Tensor diff = actual.subtract(expected);
            sumSqDiff += diff.sumOfSquares();
            sumSqExpected += expected.sumOfSquares();
            maxAbs = Math.max(maxAbs, diff.maxAbs());
        }
        return PairError.of(maxAbs, sumSqDiff, sumSqExpected);
    }

    private Tensor applyAction(Action action, GroupElement g, Tensor x, String where) {
        try {
            return action.apply(g, x);
        } catch (AuditException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuditException("The action " + action.describe() + " on " + where + " failed for g = " + g
                    + ": " + e.getMessage(), e);
        }
    }

    private void bindOutputs(List<Tensor> fx64) {
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
