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
 * Everything an audit needs: the model, the group, how each input and output transforms, how many inputs and
 * elements to draw, the seed and the tolerance. Built with {@link #builder()}; the annotations build one too.
 */
public final class AuditSpec {

    private final Object model;
    private final String modelName;
    private final Group<?> group;
    private final String groupName;
    private final List<InputSpec> inputs;
    private final List<Action> outputs;
    private final boolean invariant;
    private final int samples;
    private final int trials;
    private final Long seed;
    private final String seedKey;
    private final Double passTolerance;
    private final DType dtype;
    private final int maxBatch;
    private final boolean approximateExpected;
    private final int shrinkBudget;
    private final Map<String, int[]> sizes;
    private final boolean edgeCases;
    private final boolean layers;
    private final Map<String, Action> layerActions;
    private final boolean gradients;
    private final dev.equivariance.tensor.Loss loss;
    private final boolean gradientCrossCheck;
    private final DeviceRequest device;
    private final WithoutCuda withoutCuda;
    private final boolean crossDevice;
    private final BatchAxis batchAxis;
    private final boolean selfCheck;
    private final boolean lieDerivative;

    /** This spec for auditing planted mutants: no self-check of its own, no gradients or Lie derivative, one device. */
    AuditSpec forMutants() {
        return new AuditSpec(this);
    }

    private AuditSpec(AuditSpec o) {
        this.model = o.model;
        this.modelName = o.modelName;
        this.group = o.group;
        this.groupName = o.groupName;
        this.inputs = o.inputs;
        this.outputs = o.outputs;
        this.invariant = o.invariant;
        this.samples = o.samples;
        this.trials = o.trials;
        this.seed = o.seed;
        this.seedKey = o.seedKey;
        this.passTolerance = o.passTolerance;
        this.dtype = o.dtype;
        this.maxBatch = o.maxBatch;
        this.approximateExpected = o.approximateExpected;
        this.shrinkBudget = o.shrinkBudget;
        this.sizes = o.sizes;
        this.edgeCases = o.edgeCases;
        this.layers = o.layers;
        this.layerActions = o.layerActions;
        this.gradients = false;
        this.loss = o.loss;
        this.gradientCrossCheck = o.gradientCrossCheck;
        this.device = o.device;
        this.withoutCuda = o.withoutCuda;
        this.crossDevice = false;
        this.batchAxis = o.batchAxis;
        this.selfCheck = false;
        this.lieDerivative = false;
    }

    private AuditSpec(Builder b) {
        this.model = b.model;
        this.modelName = b.modelName;
        this.group = b.group;
        this.groupName = b.groupName;
        this.inputs = List.copyOf(b.inputs);
        this.outputs = List.copyOf(b.outputs);
        this.invariant = b.invariant;
        this.samples = b.samples;
        this.trials = b.trials;
        this.seed = b.seed;
        this.seedKey = b.seedKey;
        this.passTolerance = b.passTolerance;
        this.dtype = b.dtype;
        this.maxBatch = b.maxBatch;
        this.approximateExpected = b.approximateExpected;
        this.shrinkBudget = b.shrinkBudget;
        this.sizes = Map.copyOf(b.sizes);
        this.edgeCases = b.edgeCases;
        this.layers = b.layers;
        this.layerActions = Map.copyOf(b.layerActions);
        this.gradients = b.gradients;
        this.loss = b.loss;
        this.gradientCrossCheck = b.gradientCrossCheck;
        this.device = b.device;
        this.withoutCuda = b.withoutCuda;
        this.crossDevice = b.crossDevice;
        this.batchAxis = b.batchAxis;
        this.selfCheck = b.selfCheck;
        this.lieDerivative = b.lieDerivative;
    }

    /**
     * Whether the audit computes the Lie derivative along the generators of the group's continuous part (SO(2), O(2),
     * SO(3), O(3), SE(3), E(3) and products with them); finite groups have none, so it costs them nothing.
     */
    public boolean lieDerivative() {
        return lieDerivative;
    }

    /** Whether the audit plants known symmetry breaks in the model afterwards, to prove it can catch them. */
    public boolean selfCheck() {
        return selfCheck;
    }

    /** What axis 0 of the inputs and outputs means: verified ({@link BatchAxis#AUTO}), declared, or absent. */
    public BatchAxis batchAxis() {
        return batchAxis;
    }

    /** Where the audit runs: {@code auto} (default), {@code cpu}, {@code cuda} or {@code cuda:N}. */
    public DeviceRequest device() {
        return device;
    }

    /** What happens when CUDA is requested and not available: skip (default) or fail. */
    public WithoutCuda withoutCuda() {
        return withoutCuda;
    }

    /** Whether the audit is repeated on a second device (CPU against GPU) and the results compared. */
    public boolean crossDevice() {
        return crossDevice;
    }

    /** Whether the layer-wise audit always runs (it also runs by itself when the end-to-end audit fails). */
    public boolean layers() {
        return layers;
    }

    /** Declared actions on the activations of named layers; other layers' actions are inferred. */
    public Map<String, Action> layerActions() {
        return layerActions;
    }

    /** Whether the gradient audit runs. */
    public boolean gradients() {
        return gradients;
    }

    /** The loss for the gradient audit, or null for the sum of squares of the outputs. */
    public dev.equivariance.tensor.Loss loss() {
        return loss;
    }

    /** Whether a failing float32 gradient check is cross-checked (float64 twin, repeat, finite differences). */
    public boolean gradientCrossCheck() {
        return gradientCrossCheck;
    }

    /** Whether the group's edge cases are tested before random elements. */
    public boolean edgeCases() {
        return edgeCases;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Object model() {
        return model;
    }

    /** A display name for the model, or null to use the adapter's. */
    public String modelName() {
        return modelName;
    }

    /** The group for the declared (largest) input shapes. */
    public Group<?> resolveGroup() {
        return resolveGroup(inputs.stream().map(InputSpec::shape).toList());
    }

    /**
     * The group for concrete input shapes: symbolic sizes such as {@code S(n)} are read from the axes the input
     * actions act on, so a set of 7 points is audited under S(7).
     */
    public Group<?> resolveGroup(List<long[]> shapes) {
        if (group != null) {
            return group;
        }
        Map<String, Integer> hints = new HashMap<>();
        for (int k = 0; k < inputs.size(); k++) {
            inputs.get(k).action().sizeHints(shapes.get(k)).forEach(hints::putIfAbsent);
        }
        return Groups.parse(groupName, hints);
    }

    /** The declared ranges of flexible sizes: symbol to {min, max}. */
    public Map<String, int[]> sizes() {
        return sizes;
    }

    /** The group's name as declared. */
    public String groupName() {
        return groupName;
    }

    public List<InputSpec> inputs() {
        return inputs;
    }

    /** Output actions; empty means "as many trivial actions as the model has outputs" for invariants. */
    public List<Action> outputs() {
        return outputs;
    }

    public boolean invariant() {
        return invariant;
    }

    public int samples() {
        return samples;
    }

    public int trials() {
        return trials;
    }

    /** The declared seed, or null. */
    public Long seed() {
        return seed;
    }

    /** The stable name used to derive a seed when none is declared. */
    public String seedKey() {
        return seedKey;
    }

    /** The pass threshold on the relative error, or null for the dtype's default. */
    public Double passTolerance() {
        return passTolerance;
    }

    /** The requested dtype, or null for the model's own. */
    public DType dtype() {
        return dtype;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public boolean approximateExpected() {
        return approximateExpected;
    }

    public int shrinkBudget() {
        return shrinkBudget;
    }

    /** Builds an {@link AuditSpec}. */
    public static final class Builder {
        private Object model;
        private String modelName;
        private Group<?> group;
        private String groupName;
        private final List<InputSpec> inputs = new ArrayList<>();
        private final List<Action> outputs = new ArrayList<>();
        private boolean invariant;
        private int samples = 4;
        private int trials = 32;
        private Long seed;
        private String seedKey = "audit";
        private Double passTolerance;
        private DType dtype;
        private int maxBatch = 512;
        private boolean approximateExpected;
        private int shrinkBudget = 200;
        private final Map<String, int[]> sizes = new LinkedHashMap<>();
        private boolean edgeCases = true;
        private boolean layers;
        private final Map<String, Action> layerActions = new LinkedHashMap<>();
        private boolean gradients;
        private dev.equivariance.tensor.Loss loss;
        private boolean gradientCrossCheck = true;
        private DeviceRequest device = DeviceRequest.AUTO;
        private WithoutCuda withoutCuda = WithoutCuda.SKIP;
        private boolean crossDevice;
        private BatchAxis batchAxis = BatchAxis.AUTO;
        private boolean selfCheck;
        private boolean lieDerivative = true;
        private final List<Object[]> symbolicInputs = new ArrayList<>();

        private Builder() {
        }

        /** The model: a DJL {@code Block} or {@code Model}, or an {@link dev.equivariance.tensor.AuditedModel}. */
        public Builder model(Object model) {
            this.model = model;
            return this;
        }

        public Builder modelName(String name) {
            this.modelName = name;
            return this;
        }

        public Builder group(Group<?> group) {
            this.group = Objects.requireNonNull(group);
            this.groupName = group.name();
            return this;
        }

        /** A group by name, e.g. {@code SO(3)} or {@code S(n)} (n read from the permuted axis). */
        public Builder group(String name) {
            this.group = null;
            this.groupName = name;
            return this;
        }

        /** Adds an input with Gaussian values (node indices for an input declared {@code relabel}). */
        public Builder input(Action action, long... shape) {
            return input(action, (InputSource) null, shape);
        }

        public Builder input(String action, long... shape) {
            return input(Actions.parse(action), shape);
        }

        public Builder input(Action action, InputSource source, long... shape) {
            inputs.add(new InputSpec(shape, action, source));
            return this;
        }

        /**
         * Adds an input whose shape may use size symbols, e.g. {@code "4,n,3"}; declare each symbol's range with
         * {@link #size}. Inputs of several sizes are then drawn, and shrinking tries smaller ones.
         */
        public Builder input(String action, String shape) {
            return input(Actions.parse(action), (InputSource) null, shape);
        }

        public Builder input(Action action, InputSource source, String shape) {
            inputs.add(null);
            symbolicInputs.add(new Object[] {inputs.size() - 1, action, source, shape});
            return this;
        }

        /** Declares the range of a flexible size used in input shapes, e.g. {@code size("n", 2, 12)}. */
        public Builder size(String symbol, int min, int max) {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("Size " + symbol + " needs 1 <= min <= max, got " + min + ".." + max);
            }
            sizes.put(symbol, new int[] {min, max});
            return this;
        }

        /** Parses a size range such as {@code "n=2..12"}. */
        public Builder size(String declaration) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(\\d+)"
                    + "\\s*\\.\\.\\s*(\\d+)\\s*").matcher(declaration);
            if (!m.matches()) {
                throw new IllegalArgumentException("Malformed size '" + declaration + "': write e.g. \"n=2..12\"");
            }
            return size(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }

        public Builder output(Action action) {
            outputs.add(action);
            return this;
        }

        public Builder output(String action) {
            return output(Actions.parse(action));
        }

        /** Declares the model invariant: every output transforms trivially. */
        public Builder invariant() {
            this.invariant = true;
            return this;
        }

        /** Number of generated inputs (each a batch as its shape says). */
        public Builder samples(int n) {
            this.samples = positive(n, "samples");
            return this;
        }

        /** Number of group elements tested against every input (edge cases first). */
        public Builder trials(int n) {
            this.trials = positive(n, "trials");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A stable name (e.g. test class and method) from which a seed is derived when none is declared. */
        public Builder seedKey(String key) {
            this.seedKey = Objects.requireNonNull(key);
            return this;
        }

        /** The largest relative error that passes; exact and broken thresholds widen if needed. */
        public Builder tolerance(double pass) {
            if (!(pass > 0) || !Double.isFinite(pass)) {
                throw new IllegalArgumentException("tolerance must be a positive number, got " + pass);
            }
            this.passTolerance = pass;
            return this;
        }

        /** Runs the model in this dtype (an uninitialised DJL block is initialised in it). */
        public Builder dtype(DType dtype) {
            this.dtype = dtype;
            return this;
        }

        /** The most rows stacked into one forward pass along the batch axis; 1 turns batching off. */
        public Builder maxBatch(int rows) {
            this.maxBatch = positive(rows, "maxBatch");
            return this;
        }

        /**
         * What axis 0 means: {@link BatchAxis#AUTO} (default) verifies that its rows are independent before stacking
         * transformed inputs along it; {@link BatchAxis#INDEPENDENT} declares it a batch of independent samples;
         * {@link BatchAxis#NONE} says there is no batch axis (graphs, point clouds).
         */
        public Builder batchAxis(BatchAxis axis) {
            if (axis == null) {
                throw new IllegalArgumentException("batchAxis must be AUTO, INDEPENDENT or NONE, not null");
            }
            this.batchAxis = axis;
            return this;
        }

        /**
         * After the audit, audit mutants of the model with planted symmetry breaks (at the output, at the input, after
         * each layer) under the same declaration and budget, and report which were caught: a declaration that catches
         * none cannot fail. Costs up to (mutants + 1) audits; off by default.
         */
        public Builder selfCheck(boolean enabled) {
            this.selfCheck = enabled;
            return this;
        }

        /** The inputs have no batch axis (a graph or point cloud as PyTorch Geometric and e3nn write them). */
        public Builder noBatchAxis() {
            return batchAxis(BatchAxis.NONE);
        }

        /** Approximate equivariance is by design: a NEEDS_ATTENTION verdict does not fail the test. */
        public Builder approximateExpected(boolean expected) {
            this.approximateExpected = expected;
            return this;
        }

        /** Whether to test the group's edge cases (identity, generators, ...) before random elements; default true. */
        public Builder edgeCases(boolean enabled) {
            this.edgeCases = enabled;
            return this;
        }

        /** Always run the layer-wise audit (it runs by itself when the end-to-end audit does not pass). */
        public Builder layers(boolean enabled) {
            this.layers = enabled;
            return this;
        }

        /** Declares how the group acts on the activation after the named layer (e.g. {@code p4(axis=1)}). */
        public Builder layerAction(String layer, Action action) {
            layerActions.put(layer, action);
            return this;
        }

        /** As {@link #layerAction(String, Action)} with the action's string form. */
        public Builder layerAction(String layer, String action) {
            return layerAction(layer, Actions.parse(action));
        }

        /**
         * Computes the Lie derivative (default true): for groups with a continuous part, the derivative at the
         * identity of rho_out(exp(tA))^-1 f(rho_in(exp(tA)) x) along each generator A, in float64 by central
         * differences on up to two inputs (one stacked forward pass each, or two per generator without a batch
         * axis), per layer too when the layer-wise audit runs. Finite groups have no generators and skip it
         * whatever this says.
         */
        public Builder lieDerivative(boolean enabled) {
            this.lieDerivative = enabled;
            return this;
        }

        /** Runs the gradient audit: input gradients transform with the dual action, parameter gradients do not move. */
        public Builder gradients(boolean enabled) {
            this.gradients = enabled;
            return this;
        }

        /** The invariant scalar loss for the gradient audit (default: sum of squares of the outputs). */
        public Builder loss(dev.equivariance.tensor.Loss loss) {
            this.loss = loss;
            return this;
        }

        /** Cross-check failing float32 gradients before blaming the model (default true). */
        public Builder gradientCrossCheck(boolean enabled) {
            this.gradientCrossCheck = enabled;
            return this;
        }

        /**
         * Where the audit runs: {@code "auto"} (a GPU when the backend reports a usable one, else the CPU),
         * {@code "cpu"}, {@code "cuda"} (the first GPU) or {@code "cuda:1"}. Model, inputs and transforms all live on
         * that device. CUDA that is not available skips or fails the audit ({@link #withoutCuda}); it never falls back
         * to the CPU.
         */
        public Builder device(String device) {
            return device(DeviceRequest.parse(device));
        }

        public Builder device(DeviceRequest device) {
            this.device = Objects.requireNonNull(device);
            return this;
        }

        /** What to do when CUDA is requested and not available: {@link WithoutCuda#SKIP} (default) or FAIL. */
        public Builder withoutCuda(WithoutCuda choice) {
            this.withoutCuda = Objects.requireNonNull(choice);
            return this;
        }

        /**
         * Repeat the audit on a second device (the CPU when the audit runs on a GPU, the first GPU otherwise) and
         * report how errors and outputs differ; skipped with a note when there is no GPU.
         */
        public Builder crossDevice(boolean enabled) {
            this.crossDevice = enabled;
            return this;
        }

        /** The most model evaluations shrinking may spend. */
        public Builder shrinkBudget(int evaluations) {
            this.shrinkBudget = Math.max(0, evaluations);
            return this;
        }

        /** Whether a display name has been set. */
        public boolean hasModelName() {
            return modelName != null;
        }

        /** Whether a model has been set. */
        public boolean hasModel() {
            return model != null;
        }

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
}
