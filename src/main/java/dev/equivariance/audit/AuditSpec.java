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
    private final ProgressListener progress;
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
        this.progress = o.progress;
        this.lieDerivative = false;
    }

    AuditSpec(SpecBuilder<?> b) {
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
        this.progress = b.progress;
        this.lieDerivative = b.lieDerivative;
    }

    /** Where progress lines of a long audit go ({@link ProgressListener#NONE} by default). */
    public ProgressListener progress() {
        return progress;
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
    public static final class Builder extends SpecBuilder<Builder> {

        private Builder() {
        }
    }
}
