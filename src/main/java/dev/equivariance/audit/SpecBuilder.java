package dev.equivariance.audit;

import dev.equivariance.group.Group;
import dev.equivariance.group.Groups;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.InputSource;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DeviceRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of an audit, written once for both ways of declaring one: {@link AuditSpec.Builder} (a spec to pass
 * around or return from a {@code spec} method) and {@link Audit.Runner} ({@code Audit.of(model)...run()}). Every
 * setter returns the builder's own type, so chains keep their type.
 *
 * @param <B> the concrete builder
 */
public abstract class SpecBuilder<B extends SpecBuilder<B>> {

    SpecBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    Object model;
    String modelName;
    Group<?> group;
    String groupName;
    final List<InputSpec> inputs = new ArrayList<>();
    final List<Action> outputs = new ArrayList<>();
    boolean invariant;
    int samples = 4;
    int trials = 32;
    Long seed;
    String seedKey = "audit";
    Double passTolerance;
    DType dtype;
    int maxBatch = 512;
    boolean approximateExpected;
    int shrinkBudget = 200;
    final Map<String, int[]> sizes = new LinkedHashMap<>();
    boolean edgeCases = true;
    boolean layers;
    final Map<String, Action> layerActions = new LinkedHashMap<>();
    boolean gradients;
    dev.equivariance.tensor.Loss loss;
    boolean gradientCrossCheck = true;
    DeviceRequest device = DeviceRequest.AUTO;
    WithoutCuda withoutCuda = WithoutCuda.SKIP;
    boolean crossDevice;
    BatchAxis batchAxis = BatchAxis.AUTO;
    boolean selfCheck;
    boolean lieDerivative = true;
    ProgressListener progress = ProgressListener.NONE;
    final List<Object[]> symbolicInputs = new ArrayList<>();

    /** The model: a DJL {@code Block} or {@code Model}, or an {@link dev.equivariance.tensor.AuditedModel}. */
    public B model(Object model) {
        this.model = model;
        return self();
    }

    /** The model's name in reports (default: the adapter's, e.g. the block class or file name). */
    public B modelName(String name) {
        this.modelName = name;
        return self();
    }

    /** The symmetry group as an object (e.g. one built with {@code Groups.parse}). */
    public B group(Group<?> group) {
        this.group = Objects.requireNonNull(group);
        this.groupName = group.name();
        return self();
    }

    /** A group by name, e.g. {@code SO(3)} or {@code S(n)} (n read from the permuted axis). */
    public B group(String name) {
        this.group = null;
        this.groupName = name;
        return self();
    }

    /** Adds an input with Gaussian values (node indices for an input declared {@code relabel}). */
    public B input(Action action, long... shape) {
        return input(action, (InputSource) null, shape);
    }

    /** Adds an input of a fixed shape on which the group acts as {@code action} says, e.g. {@code "vector"}. */
    public B input(String action, long... shape) {
        return input(Actions.parse(action), shape);
    }

    /** Adds an input of a fixed shape whose values {@code source} draws (null: the default for the action). */
    public B input(Action action, InputSource source, long... shape) {
        inputs.add(new InputSpec(shape, action, source));
        return self();
    }

    /**
     * Adds an input whose shape may use size symbols, e.g. {@code "4,n,3"}; declare each symbol's range with
     * {@link #size}. Inputs of several sizes are then drawn, and shrinking tries smaller ones.
     */
    public B input(String action, String shape) {
        return input(Actions.parse(action), (InputSource) null, shape);
    }

    /** Adds an input whose shape may use size symbols and whose values {@code source} draws. */
    public B input(Action action, InputSource source, String shape) {
        inputs.add(null);
        symbolicInputs.add(new Object[] {inputs.size() - 1, action, source, shape});
        return self();
    }

    /** Declares the range of a flexible size used in input shapes, e.g. {@code size("n", 2, 12)}. */
    public B size(String symbol, int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("Size " + symbol + " needs 1 <= min <= max, got " + min + ".." + max);
        }
        sizes.put(symbol, new int[] {min, max});
        return self();
    }

    /** Parses a size range such as {@code "n=2..12"}. */
    public B size(String declaration) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(\\d+)"
                + "\\s*\\.\\.\\s*(\\d+)\\s*").matcher(declaration);
        if (!m.matches()) {
            throw new IllegalArgumentException("Malformed size '" + declaration + "': write e.g. \"n=2..12\"");
        }
        return size(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** Declares how the next output transforms. */
    public B output(Action action) {
        outputs.add(action);
        return self();
    }

    /** Declares how the next output transforms, e.g. {@code "vector"} or {@code "permute(axis=1)"}. */
    public B output(String action) {
        return output(Actions.parse(action));
    }

    /** Declares the model invariant: every output transforms trivially. */
    public B invariant() {
        this.invariant = true;
        return self();
    }

    /** Number of generated inputs (each a batch as its shape says). */
    public B samples(int n) {
        this.samples = positive(n, "samples");
        return self();
    }

    /** Number of group elements tested against every input (edge cases first). */
    public B trials(int n) {
        this.trials = positive(n, "trials");
        return self();
    }

    /** The seed that draws elements and inputs ({@code -Dequivariance.seed} overrides it; default: from the seed key). */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** A stable name (e.g. test class and method) from which a seed is derived when none is declared. */
    public B seedKey(String key) {
        this.seedKey = Objects.requireNonNull(key);
        return self();
    }

    /** The largest relative error that passes; exact and broken thresholds widen if needed. */
    public B tolerance(double pass) {
        if (!(pass > 0) || !Double.isFinite(pass)) {
            throw new IllegalArgumentException("tolerance must be a positive number, got " + pass);
        }
        this.passTolerance = pass;
        return self();
    }

    /** Runs the model in this dtype (an uninitialised DJL block is initialised in it). */
    public B dtype(DType dtype) {
        this.dtype = dtype;
        return self();
    }

    /** The most rows stacked into one forward pass along the batch axis; 1 turns batching off. */
    public B maxBatch(int rows) {
        this.maxBatch = positive(rows, "maxBatch");
        return self();
    }

    /**
     * What axis 0 means: {@link BatchAxis#AUTO} (default) verifies that its rows are independent before stacking
     * transformed inputs along it; {@link BatchAxis#INDEPENDENT} declares it a batch of independent samples;
     * {@link BatchAxis#NONE} says there is no batch axis (graphs, point clouds).
     */
    public B batchAxis(BatchAxis axis) {
        if (axis == null) {
            throw new IllegalArgumentException("batchAxis must be AUTO, INDEPENDENT or NONE, not null");
        }
        this.batchAxis = axis;
        return self();
    }

    /** Where progress lines of a long audit go, e.g. {@code System.out::println} (default: nowhere). */
    public B progress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return self();
    }

    /**
     * After the audit, audit mutants of the model with planted symmetry breaks (at the output, at the input, after
     * each layer) under the same declaration and budget, and report which were caught: a declaration that catches
     * none cannot fail. Costs up to (mutants + 1) audits; off by default.
     */
    public B selfCheck(boolean enabled) {
        this.selfCheck = enabled;
        return self();
    }

    /** The inputs have no batch axis (a graph or point cloud as PyTorch Geometric and e3nn write them). */
    public B noBatchAxis() {
        return batchAxis(BatchAxis.NONE);
    }

    /** Approximate equivariance is by design: a NEEDS_ATTENTION verdict does not fail the test. */
    public B approximateExpected(boolean expected) {
        this.approximateExpected = expected;
        return self();
    }

    /** Whether to test the group's edge cases (identity, generators, ...) before random elements; default true. */
    public B edgeCases(boolean enabled) {
        this.edgeCases = enabled;
        return self();
    }

    /** Always run the layer-wise audit (it runs by itself when the end-to-end audit does not pass). */
    public B layers(boolean enabled) {
        this.layers = enabled;
        return self();
    }

    /** Declares how the group acts on the activation after the named layer (e.g. {@code p4(axis=1)}). */
    public B layerAction(String layer, Action action) {
        layerActions.put(layer, action);
        return self();
    }

    /** As {@link #layerAction(String, Action)} with the action's string form. */
    public B layerAction(String layer, String action) {
        return layerAction(layer, Actions.parse(action));
    }

    /**
     * Computes the Lie derivative (default true): for groups with a continuous part, the derivative at the
     * identity of rho_out(exp(tA))^-1 f(rho_in(exp(tA)) x) along each generator A, in float64 by central
     * differences on up to two inputs (one stacked forward pass each, or two per generator without a batch
     * axis), per layer too when the layer-wise audit runs. Finite groups have no generators and skip it
     * whatever this says.
     */
    public B lieDerivative(boolean enabled) {
        this.lieDerivative = enabled;
        return self();
    }

    /** Runs the gradient audit: input gradients transform with the dual action, parameter gradients do not move. */
    public B gradients(boolean enabled) {
        this.gradients = enabled;
        return self();
    }

    /** The invariant scalar loss for the gradient audit (default: sum of squares of the outputs). */
    public B loss(dev.equivariance.tensor.Loss loss) {
        this.loss = loss;
        return self();
    }

    /** Cross-check failing float32 gradients before blaming the model (default true). */
    public B gradientCrossCheck(boolean enabled) {
        this.gradientCrossCheck = enabled;
        return self();
    }

    /**
     * Where the audit runs: {@code "auto"} (a GPU when the backend reports a usable one, else the CPU),
     * {@code "cpu"}, {@code "cuda"} (the first GPU) or {@code "cuda:1"}. Model, inputs and transforms all live on
     * that device. CUDA that is not available skips or fails the audit ({@link #withoutCuda}); it never falls back
     * to the CPU.
     */
    public B device(String device) {
        return device(DeviceRequest.parse(device));
    }

    /** Where the audit runs, as a parsed request. */
    public B device(DeviceRequest device) {
        this.device = Objects.requireNonNull(device);
        return self();
    }

    /** What to do when CUDA is requested and not available: {@link WithoutCuda#SKIP} (default) or FAIL. */
    public B withoutCuda(WithoutCuda choice) {
        this.withoutCuda = Objects.requireNonNull(choice);
        return self();
    }

    /**
     * Repeat the audit on a second device (the CPU when the audit runs on a GPU, the first GPU otherwise) and
     * report how errors and outputs differ; skipped with a note when there is no GPU.
     */
    public B crossDevice(boolean enabled) {
        this.crossDevice = enabled;
        return self();
    }

    /** The most model evaluations shrinking may spend. */
    public B shrinkBudget(int evaluations) {
        this.shrinkBudget = Math.max(0, evaluations);
        return self();
    }

    /** Whether a display name has been set. */
    public boolean hasModelName() {
        return modelName != null;
    }

    /** Whether a model has been set. */
    public boolean hasModel() {
        return model != null;
    }

    /** Checks the settings and builds the spec. */
    public AuditSpec build() {
        if (model == null) {
            throw new IllegalArgumentException("No model supplied: pass the model to audit (a DJL Block or Model)");
        }
        if (groupName == null || groupName.isBlank()) {
            throw new IllegalArgumentException("No group given: name the symmetry group, e.g. SO(3) or S(n)");
        }
        for (Object[] s : symbolicInputs) {
            inputs.set((Integer) s[0], InputSpec.parse((String) s[3], (Action) s[1], (InputSource) s[2], sizes));
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("No input declared: give the input shape and how the group acts "
                    + "on it, e.g. input(\"permute(axis=1)\", 4, 10, 3)");
        }
        if (invariant && !outputs.isEmpty() && outputs.stream().anyMatch(a -> !a.isTrivial())) {
            throw new IllegalArgumentException("An invariant model's outputs transform trivially; drop the output "
                    + "actions or declare the model equivariant");
        }
        if (!invariant && outputs.isEmpty()) {
            throw new IllegalArgumentException("No output action declared: say how each output transforms (e.g. "
                    + "output(\"vector\")), or declare the model invariant");
        }
        return new AuditSpec(this);
    }

    private static int positive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + n);
        }
        return n;
    }
}
