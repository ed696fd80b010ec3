package dev.equivariance.junit;

import dev.equivariance.audit.AuditException;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.AuditSpec;
import dev.equivariance.audit.Inputs;
import dev.equivariance.audit.ModelTurns;
import dev.equivariance.audit.Tolerance;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.search.CaseShrinker;
import dev.equivariance.search.ElementSampler;
import dev.equivariance.search.HostArray;
import dev.equivariance.search.SampledElement;
import dev.equivariance.search.Seeds;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs a user-written property: invokes the method body once per generated (element, inputs) trial, and on the
 * first failure shrinks element and inputs by re-invoking the body, replays the smallest failure twice (a failure
 * that does not repeat means a nondeterministic model), and fails with the smallest failing values and the seed.
 */
final class PropertyRunner {

    /** Statistics of a run, published to the JUnit report. */
    record Stats(int trials, int edgeCases, int shrinkSteps, int invocations) {
    }

    /**
     * How the extension supplies a parameter of an annotated method. Only these types are claimed: every other
     * parameter is left to JUnit and to other extensions' resolvers.
     */
    enum Kind {
        /** The audit report (audit methods only). */
        REPORT,
        /** The trial helper. */
        TRIAL,
        /** The generated group element. */
        ELEMENT,
        /** The adapted model. */
        AUDITED_MODEL,
        /** The user's own model object (its type or a supertype other than Object). */
        MODEL,
        /** A generated input as a backend-neutral tensor. */
        TENSOR,
        /** A generated input as the backend's own array (DJL NDArray, ND4J INDArray). */
        ARRAY,
        /** Not the extension's. */
        OTHER;

        /** Whether a parameter of this kind makes the method a property (its body runs once per trial). */
        boolean generated() {
            return this != REPORT && this != OTHER;
        }
    }

    /** The array types of the backends, by name so that neither backend has to be on the class path. */
    private static final List<String> ARRAY_TYPES = List.of("ai.djl.ndarray.NDArray",
            "org.nd4j.linalg.api.ndarray.INDArray");

    private final Method method;
    private final AuditSpec spec;
    private final Object userModel;
    private final AuditedModel model;
    private final long seed;
    private final Tolerance tolerance;
    private final Map<String, Context> contexts = new LinkedHashMap<>();
    private final SplittableRandom elementRng;
    private final Kind[] kinds;
    private final String[] problems;
    private int invocations;
    private Object target;
    private Object[] resolved;

    /** The group, bound actions and drawn elements for one set of input shapes. */
    private record Context(Group<?> group, List<Action> inputActions, List<SampledElement> elements) {
    }

    /** What a trial was made of. */
    private record Case(GroupElement element, List<HostArray> input, Map<String, Integer> sizes) {
    }

    PropertyRunner(Method method, AuditSpec spec, Object userModel, AuditedModel model) {
        this.method = method;
        this.spec = spec;
        this.userModel = userModel;
        this.model = model;
        this.seed = Seeds.resolve(spec.seed(), spec.seedKey());
        Tolerance t = Tolerance.forDtype(model.dtype());
        this.tolerance = spec.passTolerance() == null ? t : t.withPass(spec.passTolerance());
        this.elementRng = Seeds.elementRandom(seed);
        Parameter[] params = method.getParameters();
        this.kinds = new Kind[params.length];
        for (int p = 0; p < params.length; p++) {
            kinds[p] = kind(params[p].getType(), userModel);
        }
        this.problems = checkParameters();
    }

    /** The kind of a parameter type, given the user's model object (null when not known). */
    static Kind kind(Class<?> type, Object userModel) {
        if (type == AuditReport.class) {
            return Kind.REPORT;
        }
        if (type == Trial.class) {
            return Kind.TRIAL;
        }
        if (GroupElement.class.isAssignableFrom(type)) {
            return Kind.ELEMENT;
        }
        if (type == AuditedModel.class) {
            return Kind.AUDITED_MODEL;
        }
        if (type == Tensor.class) {
            return Kind.TENSOR;
        }
        if (isArrayType(type)) {
            return Kind.ARRAY;
        }
        if (userModel != null && type != Object.class && type.isInstance(userModel)) {
            return Kind.MODEL;
        }
        return Kind.OTHER;
    }

    /** Whether the method's parameters ask for generated values, given the user's model object. */
    static boolean isProperty(Method method, Object userModel) {
        return Arrays.stream(method.getParameterTypes()).anyMatch(t -> kind(t, userModel).generated());
    }

    private static boolean isArrayType(Class<?> type) {
        if (type == Object.class || type.isPrimitive()) {
            return false;
        }
        java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (ARRAY_TYPES.contains(c.getName())) {
                return true;
            }
            if (c.getSuperclass() != null) {
                todo.push(c.getSuperclass());
            }
            todo.addAll(Arrays.asList(c.getInterfaces()));
        }
        return false;
    }

    /** The seed the trials are drawn with. */
    long seed() {
        return seed;
    }

    /** The kind of parameter {@code index}. */
    Kind kind(int index) {
        return kinds[index];
    }

    /** Why parameter {@code index} cannot be supplied, or null when it can. */
    String problem(int index) {
        return problems[index];
    }

    /**
     * Runs the trials.
     *
     * @param target the test instance
     * @param resolved the arguments JUnit resolved (placeholders where this runner supplies values)
     */
    Stats run(Object target, Object[] resolved) throws Throwable {
        Object[] outcome = new Object[1];
        ModelTurns.take(userModel != null ? userModel : model, () -> {
            try {
                outcome[0] = runInTurn(target, resolved);
            } catch (Throwable t) {
                outcome[0] = t;
            }
            return null;
        });
        if (outcome[0] instanceof Throwable t) {
            throw t;
        }
        return (Stats) outcome[0];
    }

    private Stats runInTurn(Object target, Object[] resolved) throws Throwable {
        this.target = target;
        this.resolved = resolved;
        SplittableRandom inputRng = Seeds.inputRandom(seed);
        int edgeCases = 0;
        for (int t = 0; t < spec.trials(); t++) {
            Map<String, Integer> sizes = Inputs.drawSizes(spec, inputRng, t);
            List<HostArray> input = Inputs.generate(spec, inputRng, t, sizes);
            Context ctx = context(input);
            SampledElement se = ctx.elements().get(t);
            edgeCases += se.edgeCase() ? 1 : 0;
            Throwable failure = invoke(new Case(se.element(), input, sizes));
            if (failure != null) {
                fail(t, new Case(se.element(), input, sizes), failure, edgeCases);
            }
        }
        return new Stats(spec.trials(), edgeCases, 0, invocations);
    }

    private void fail(int trial, Case original, Throwable originalFailure, int edgeCases) throws Throwable {
        Class<?> kind = originalFailure.getClass();
        int start = invocations;
        CaseShrinker.Result result;
        PropertyJudge judge = new PropertyJudge(kind);
        try {
            result = new CaseShrinker(judge, spec.inputs().stream().map(in -> in.symbols()).toList(),
                    minimums(), spec.shrinkBudget()).shrink(new CaseShrinker.Case(original.element(),
                    original.input(), original.sizes(), 1));
        } catch (Aborted a) {
            throw a.getCause();
        }
        Case current = new Case(result.smallest().element(), result.smallest().input(), result.smallest().sizes());
        List<String> changes = result.changes();
        int steps = result.steps();
        Throwable failure = judge.lastFailure != null ? judge.lastFailure : originalFailure;
        Throwable replay1 = invoke(current);
        Throwable replay2 = invoke(current);
        String header = where() + " failed under " + context(current.input()).group().name() + " (seed " + seed
                + "; replay: -Dequivariance.seed=" + seed + ")";
        if (replay1 == null || replay2 == null) {
            throw new AssertionFailedError(header + "\n  Nondeterministic model: the smallest failing trial (g = "
                    + current.element() + ") did not fail again on replay, so this failure is not evidence of a "
                    + "symmetry bug. Put the model in eval mode (dropout off) and avoid nondeterministic kernels.",
                    failure);
        }
        StringBuilder sb = new StringBuilder(header).append('\n');
        sb.append("  Smallest failing element: ").append(current.element()).append('\n');
        sb.append("  Input shapes: ").append(shapes(current.input()));
        if (!changes.isEmpty()) {
            sb.append("   (simplified: ").append(String.join("; ", changes)).append(')');
        }
        sb.append('\n');
        sb.append("  Shrunk from: ").append(original.element()).append(" on trial #").append(trial)
                .append(" with shapes ").append(shapes(original.input())).append(", in ").append(steps)
                .append(" steps and ").append(invocations - start).append(" invocations\n");
        sb.append("  Trials run: ").append(trial + 1).append(" of ").append(spec.trials()).append(" (")
                .append(edgeCases).append(" edge cases)\n");
        sb.append("  Failure: ").append(failure);
        AssertionFailedError error = new AssertionFailedError(sb.toString(), failure);
        throw error;
    }

    /** A body that aborted the test (or a fatal error) while a case was being shrunk. */
    private static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted(Throwable cause) {
            super(cause);
        }
    }

    /** Judges cases by running the body: a case still fails when it throws the same kind of failure. */
    private final class PropertyJudge implements CaseShrinker.Judge {
        private final Class<?> kind;
        /** The failure of the last case that still failed: the shrunk case's, when the search ends. */
        private Throwable lastFailure;

        PropertyJudge(Class<?> kind) {
            this.kind = kind;
        }

        @Override
        public Optional<Group<?>> group(List<HostArray> input) {
            try {
                return Optional.of(context(input).group());
            } catch (AuditException e) {
                return Optional.empty();
            }
        }

        @Override
        public CaseShrinker.Trial on(List<HostArray> input) {
            return new CaseShrinker.Trial() {
                @Override
                public double error(GroupElement element) {
                    Throwable f;
                    try {
                        f = invoke(new Case(element, input, Map.of()));
                    } catch (Throwable fatal) {
                        throw new Aborted(fatal);
                    }
                    if (f != null && f.getClass() == kind) {
                        lastFailure = f;
                        return 1;
                    }
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public boolean witnesses(double error) {
            return error > 0.5;
        }

        @Override
        public boolean batchShrinkable(List<HostArray> input) {
            return PropertyRunner.this.batchShrinkable();
        }

        @Override
        public int evaluations() {
            return invocations;
        }
    }

    /** Invokes the body for one case; returns the failure, or null when it passed. */
    private Throwable invoke(Case c) throws Throwable {
        invocations++;
        Context ctx = context(c.input());
        try (TensorScope scope = model.backend().openScope()) {
            List<Tensor> tensors = new ArrayList<>();
            for (HostArray h : c.input()) {
                Tensor t = model.backend().fromDoubles(h.data(), h.shape(), DType.FLOAT64);
                tensors.add(model.dtype() == DType.FLOAT64 ? t : t.cast(model.dtype()));
            }
            Trial trial = new Trial(c.element(), ctx.group(), tensors, ctx.inputActions(), spec.outputs(), model,
                    tolerance);
            Object[] args = arguments(trial, tensors, c.element());
            try {
                method.setAccessible(true);
                method.invoke(target, args);
                return null;
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TestAbortedException || cause instanceof VirtualMachineError) {
                    throw cause;
                }
                return cause;
            }
        }
    }

    private Object[] arguments(Trial trial, List<Tensor> tensors, GroupElement g) {
        Object[] args = resolved.clone();
        Parameter[] params = method.getParameters();
        int nextInput = 0;
        for (int p = 0; p < params.length; p++) {
            switch (kinds[p]) {
                case TRIAL -> args[p] = trial;
                case ELEMENT -> args[p] = g;
                case AUDITED_MODEL -> args[p] = model;
                case MODEL -> args[p] = userModel;
                case TENSOR -> args[p] = tensors.get(nextInput++);
                case ARRAY -> args[p] = tensors.get(nextInput++).nativeArray();
                default -> {
                    // resolved by JUnit or another extension
                }
            }
        }
        return args;
    }

    /** Checks up front that every generated parameter can be supplied, with messages that say how to fix it. */
    private String[] checkParameters() {
        Parameter[] params = method.getParameters();
        String[] out = new String[params.length];
        Context ctx = context(Inputs.generate(spec, new SplittableRandom(0), 0, Inputs.drawSizes(spec,
                new SplittableRandom(0), 0)));
        Class<?> elementType = ctx.group().elementType();
        Object nativeArray = null;
        int inputs = 0;
        for (int p = 0; p < params.length; p++) {
            Class<?> type = params[p].getType();
            String name = params[p].getName();
            switch (kinds[p]) {
                case REPORT -> out[p] = "Parameter '" + name + "': a property method (it takes generated values) has "
                        + "no audit report; drop the AuditReport parameter, or the generated ones to get the report";
                case ELEMENT -> {
                    if (!type.isAssignableFrom(elementType)) {
                        out[p] = "Parameter '" + name + "' has type " + type.getSimpleName() + " but the elements of "
                                + ctx.group().name() + " are " + elementType.getSimpleName() + "s; declare it as "
                                + elementType.getSimpleName() + " or GroupElement";
                    }
                }
                case TENSOR, ARRAY -> {
                    if (inputs >= spec.inputs().size()) {
                        out[p] = "Parameter '" + name + "' of type " + type.getSimpleName() + " cannot be supplied: "
                                + "the spec declares " + spec.inputs().size() + " input(s). Supported parameters: the "
                                + "group element, Trial, the inputs (Tensor or the backend's array type, in order), "
                                + "the model, and whatever JUnit or other extensions resolve";
                    } else if (kinds[p] == Kind.ARRAY) {
                        if (nativeArray == null) {
                            try (TensorScope scope = model.backend().openScope()) {
                                nativeArray = model.backend().fromDoubles(new double[] {0}, new long[] {1},
                                        DType.FLOAT64).nativeArray();
                            }
                        }
                        if (!type.isInstance(nativeArray)) {
                            out[p] = "Parameter '" + name + "' has type " + type.getSimpleName() + " but inputs on "
                                    + model.backend().name() + " are " + nativeArray.getClass().getSimpleName()
                                    + "s; declare it as Tensor or " + nativeArray.getClass().getSimpleName();
                        }
                    }
                    inputs++;
                }
                default -> {
                    // supplied as it is
                }
            }
        }
        return out;
    }

    private Context context(List<HostArray> input) {
        List<long[]> shapes = input.stream().map(HostArray::shape).toList();
        String key = shapes.stream().map(Arrays::toString).toList().toString();
        Context c = contexts.get(key);
        if (c == null) {
            Group<?> group;
            try {
                group = spec.resolveGroup(shapes);
            } catch (IllegalArgumentException e) {
                throw new AuditException(e.getMessage(), e);
            }
            List<Action> bound = new ArrayList<>();
            for (int k = 0; k < shapes.size(); k++) {
                try {
                    bound.add(spec.inputs().get(k).action().bind(shapes.get(k), group));
                } catch (IllegalArgumentException e) {
                    throw new AuditException("Input #" + k + " (shape " + Arrays.toString(shapes.get(k)) + "): "
                            + e.getMessage(), e);
                }
            }
            c = new Context(group, bound, ElementSampler.draw(group, spec.trials(), elementRng, spec.edgeCases()));
            contexts.put(key, c);
        }
        return c;
    }

    private Map<String, Integer> minimums() {
        Map<String, Integer> m = new HashMap<>();
        spec.sizes().forEach((k, v) -> m.put(k, v[0]));
        return m;
    }

    private boolean batchShrinkable() {
        return spec.inputs().stream().noneMatch(in -> in.action().touchesAxis(0, in.shape().length));
    }

    private String where() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }

    private static String shapes(List<HostArray> input) {
        return input.stream().map(HostArray::shapeString).toList().toString();
    }
}
