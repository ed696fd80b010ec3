package dev.equivariance.junit;

import dev.equivariance.audit.Closeness;
import dev.equivariance.audit.PairError;
import dev.equivariance.audit.Tolerance;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentest4j.AssertionFailedError;

/**
 * One generated trial of a user-written property: the group element, the generated inputs, and the declared
 * actions, so the body can write its own comparison. Arrays may be the backend's own (e.g. DJL {@code NDArray}) or
 * {@link Tensor}s; results come back as the same kind.
 * <pre>
 *   &#64;EquivariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 8, 3})
 *   void rotatesWithItsInput(Trial t, NDArray x) {
 *       t.assertClose(t.forward(t.actOnInput(x)), t.actOnOutput(t.forward(x)));
 *   }
 * </pre>
 */
public final class Trial {

    private final GroupElement element;
    private final Group<?> group;
    private final List<Tensor> inputs;
    private final List<Action> inputActions;
    private final List<Action> declaredOutputs;
    private final List<Action> boundOutputs = new ArrayList<>();
    private final AuditedModel model;
    private final Tolerance tolerance;

    Trial(GroupElement element, Group<?> group, List<Tensor> inputs, List<Action> inputActions,
          List<Action> declaredOutputs, AuditedModel model, Tolerance tolerance) {
        this.element = element;
        this.group = group;
        this.inputs = inputs;
        this.inputActions = inputActions;
        this.declaredOutputs = declaredOutputs;
        this.model = model;
        this.tolerance = tolerance;
    }

    /** The group element of this trial. */
    public GroupElement element() {
        return element;
    }

    /** The group (resolved for this trial's input sizes). */
    public Group<?> group() {
        return group;
    }

    /** Input {@code k} as the backend's own array. */
    @SuppressWarnings("unchecked")
    public <T> T input(int k) {
        return (T) inputs.get(k).nativeArray();
    }

    /** rho_in(g) x for the (first) input's action. */
    public <T> T actOnInput(T x) {
        return actOnInput(0, x);
    }

    /** rho_in(g) x with input {@code k}'s action. */
    public <T> T actOnInput(int k, T x) {
        return apply(inputActions.get(k), x);
    }

    /** rho_out(g) y for the (first) output's action (the input's action for invariants: trivial). */
    public <T> T actOnOutput(T y) {
        return actOnOutput(0, y);
    }

    /** rho_out(g) y with output {@code j}'s action. */
    public <T> T actOnOutput(int j, T y) {
        Tensor t = tensor(y);
        while (boundOutputs.size() <= j) {
            boundOutputs.add(null);
        }
        if (boundOutputs.get(j) == null) {
            Action declared = declaredOutputs.isEmpty() ? Actions.trivial() : declaredOutputs.get(j);
            boundOutputs.set(j, declared.bind(t.shape(), group));
        }
        return back(y, boundOutputs.get(j).apply(element, t));
    }

    /** Runs the model on one input and returns its first output, as the same kind of array. */
    public <T> T forward(T x) {
        Tensor in = tensor(x);
        if (in.dtype() != model.dtype()) {
            in = in.cast(model.dtype());
        }
        return back(x, model.forward(List.of(in)).get(0));
    }

    /** Fails unless {@code actual} and {@code expected} agree within the audit's pass tolerance (relative). */
    public void assertClose(Object actual, Object expected) {
        assertClose(actual, expected, tolerance.pass());
    }

    /** Fails unless the relative error (Frobenius) of {@code actual} against {@code expected} is below {@code tol}. */
    public void assertClose(Object actual, Object expected, double tol) {
        PairError e = Closeness.error(tensor(actual), tensor(expected));
        if (!(e.relative() < tol)) {
            throw new AssertionFailedError(String.format(Locale.ROOT,
                    "not equivariant for g = %s: relative error %.3e (max absolute %.3e) is not below %.1e", element,
                    e.relative(), e.absolute(), tol));
        }
    }

    private <T> T apply(Action action, T x) {
        return back(x, action.apply(element, tensor(x)));
    }

    private Tensor tensor(Object x) {
        if (x instanceof Tensor t) {
            return t;
        }
        Tensor t = model.backend().wrapNative(x);
        if (t == null) {
            throw new IllegalArgumentException("Not an array of the model's backend (" + model.backend().name() + "): "
                    + (x == null ? "null" : x.getClass().getName()));
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static <T> T back(T like, Tensor result) {
        return like instanceof Tensor ? (T) result : (T) result.nativeArray();
    }

    @Override
    public String toString() {
        return "Trial(g = " + element + ")";
    }
}
