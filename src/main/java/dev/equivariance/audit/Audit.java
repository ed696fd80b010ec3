package dev.equivariance.audit;

import dev.equivariance.group.Group;
import dev.equivariance.rep.Action;
import dev.equivariance.search.HostArray;
import dev.equivariance.search.InputSource;
import dev.equivariance.search.SampledElement;
import dev.equivariance.search.Seeds;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.DeviceUnavailableException;
import dev.equivariance.tensor.ModelAdapters;
import dev.equivariance.tensor.PlacedModel;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.opentest4j.TestAbortedException;

/**
 * Runs equivariance audits. The plain Java entry point:
 * <pre>
 *   AuditReport report = Audit.of(block)
 *       .group("SO(3)").input("vector", 4, 10, 3).output("vector")
 *       .run();
 * </pre>
 */
public final class Audit {

    private Audit() {
    }

    /** Starts a spec for {@code model} (a DJL {@code Block} or {@code Model}, or an {@link AuditedModel}). */
    public static Runner of(Object model) {
        return new Runner(model);
    }

    /**
     * Runs the audit the spec describes, on the spec's device.
     *
     * @throws org.opentest4j.TestAbortedException when CUDA is requested, not available and the spec says skip
     * @throws AuditException when the audit cannot run (including CUDA not available when the spec says fail)
     */
    public static AuditReport run(AuditSpec spec) {
        List<long[]> shapes = spec.inputs().stream().map(InputSpec::shape).toList();
        List<AuditedModel> created = new ArrayList<>();
        ModelPlacer placer = device -> {
            PlacedModel placed = ModelAdapters.place(spec.model(), shapes, spec.dtype(), device);
            if (placed.model() != spec.model()) {
                created.add(placed.model());
            }
            return placed;
        };
        try {
            return run(spec, placer);
        } finally {
            created.forEach(AuditedModel::close);
        }
    }

    /** Runs the audit on an already adapted model (which stays open, on its own device). */
    public static AuditReport run(AuditSpec spec, AuditedModel model) {
        return run(spec, device -> PlacedModel.asIs(model, device));
    }

    /**
     * Runs the audit on the model the placer puts on the spec's device, and with {@code crossDevice} again on a
     * second device.
     *
     * @throws org.opentest4j.TestAbortedException when CUDA is requested, not available and the spec says skip
     */
    public static AuditReport run(AuditSpec spec, ModelPlacer placer) {
        PlacedModel placed = place(spec, placer);
        long seed = Seeds.resolve(spec.seed(), spec.seedKey());
        AuditReport report = run(spec, placed, seed);
        return spec.crossDevice() ? new CrossDeviceCheck(spec, placer, seed).compare(placed, report) : report;
    }

    /**
     * Places the model on the spec's device. Unavailable CUDA skips (a {@link TestAbortedException}, which JUnit
     * reports as an aborted test with the reason) or fails (an {@link AuditException}), as the spec says.
     */
    public static PlacedModel place(AuditSpec spec, ModelPlacer placer) {
        try {
            return placer.place(spec.device());
        } catch (DeviceUnavailableException e) {
            if (spec.withoutCuda() == WithoutCuda.SKIP && spec.device().kind() == DeviceRequest.Kind.CUDA) {
                throw new TestAbortedException(e.getMessage(), e);
            }
            throw new AuditException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    /** Runs the audit on a placed model (which stays open) with a resolved seed. */
    static AuditReport run(AuditSpec spec, PlacedModel placed, long seed) {
        try {
            return runPlaced(spec, placed, seed);
        } finally {
            placed.model().backend().releaseCaches();
        }
    }

    private static AuditReport runPlaced(AuditSpec spec, PlacedModel placed, long seed) {
        AuditedModel model = placed.model();
        Tolerance tolerance = Tolerance.forDtype(model.dtype());
        if (spec.passTolerance() != null) {
            tolerance = tolerance.withPass(spec.passTolerance());
        }
        SplittableRandom elementRng = new SplittableRandom(seed).split();
        List<Draw> draws = draw(spec, inputRandom(seed));
        ShapeContext.Cache contexts = new ShapeContext.Cache(spec, model, elementRng, tolerance);
        contexts.get(spec.inputs().stream().map(InputSpec::shape).toList());

        List<Sample> samples = new ArrayList<>();
        for (Draw d : draws) {
            samples.add(new Sample(d.index(), d.input(), d.sizes(),
                    contexts.get(d.input().stream().map(HostArray::shape).toList())));
        }
        PairError[][] errors = new PairError[samples.size()][];
        for (Sample s : samples) {
            try (TensorScope scope = model.backend().openScope()) {
                Evaluator.Prepared p = s.context().evaluator.prepare(s.index(), s.input());
                s.context().evaluator.noteScale(p);
                errors[s.index()] = s.context().evaluator.evaluate(p,
                        s.context().elements.stream().map(SampledElement::element).toList());
            }
        }
        AuditReport report = new ReportBuilder(spec, model, placed.selection(), contexts, tolerance, seed, samples,
                errors).build();
        return spec.selfCheck() ? new SelfCheck(spec, model, tolerance, samples.get(0)).run(report) : report;
    }

    /** The generated inputs of an audit: the same for every device, given the same seed. */
    static List<Draw> draw(AuditSpec spec, SplittableRandom inputRng) {
        List<Draw> draws = new ArrayList<>();
        for (int i = 0; i < spec.samples(); i++) {
            Map<String, Integer> sizes = Inputs.drawSizes(spec, inputRng, i);
            draws.add(new Draw(i, Inputs.generate(spec, inputRng, i, sizes), sizes));
        }
        return draws;
    }

    /** The random stream the inputs of an audit with this seed are drawn from (elements use the first split). */
    static SplittableRandom inputRandom(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        rng.split();
        return rng.split();
    }

    /** One generated input before it meets a model. */
    record Draw(int index, List<HostArray> input, Map<String, Integer> sizes) {
    }

    /** A generated input: its values, the flexible sizes it was drawn with, and its shape context. */
    record Sample(int index, List<HostArray> input, Map<String, Integer> sizes, ShapeContext context) {
    }

    /** A fluent spec builder that can run itself. */
    public static final class Runner {
        private final AuditSpec.Builder builder = AuditSpec.builder();

        private Runner(Object model) {
            builder.model(model);
        }

        public Runner group(String name) {
            builder.group(name);
            return this;
        }

        public Runner group(Group<?> group) {
            builder.group(group);
            return this;
        }

        public Runner input(String action, long... shape) {
            builder.input(action, shape);
            return this;
        }

        public Runner input(Action action, long... shape) {
            builder.input(action, shape);
            return this;
        }

        public Runner input(Action action, InputSource source, long... shape) {
            builder.input(action, source, shape);
            return this;
        }

        /** An input whose shape may use size symbols, e.g. {@code "4,n,3"} with {@code size("n", 2, 12)}. */
        public Runner input(String action, String shape) {
            builder.input(action, shape);
            return this;
        }

        public Runner input(Action action, InputSource source, String shape) {
            builder.input(action, source, shape);
            return this;
        }

        public Runner size(String symbol, int min, int max) {
            builder.size(symbol, min, max);
            return this;
        }

        public Runner layers(boolean enabled) {
            builder.layers(enabled);
            return this;
        }

        public Runner layerAction(String layer, String action) {
            builder.layerAction(layer, action);
            return this;
        }

        /** See {@link AuditSpec.Builder#lieDerivative(boolean)} (default true). */
        public Runner lieDerivative(boolean enabled) {
            builder.lieDerivative(enabled);
            return this;
        }

        public Runner gradients(boolean enabled) {
            builder.gradients(enabled);
            return this;
        }

        public Runner loss(dev.equivariance.tensor.Loss loss) {
            builder.loss(loss);
            return this;
        }

        public Runner gradientCrossCheck(boolean enabled) {
            builder.gradientCrossCheck(enabled);
            return this;
        }

        public Runner edgeCases(boolean enabled) {
            builder.edgeCases(enabled);
            return this;
        }

        public Runner shrinkBudget(int evaluations) {
            builder.shrinkBudget(evaluations);
            return this;
        }

        public Runner output(String action) {
            builder.output(action);
            return this;
        }

        public Runner output(Action action) {
            builder.output(action);
            return this;
        }

        public Runner invariant() {
            builder.invariant();
            return this;
        }

        public Runner samples(int n) {
            builder.samples(n);
            return this;
        }

        public Runner trials(int n) {
            builder.trials(n);
            return this;
        }

        public Runner seed(long seed) {
            builder.seed(seed);
            return this;
        }

        public Runner tolerance(double pass) {
            builder.tolerance(pass);
            return this;
        }

        public Runner dtype(dev.equivariance.tensor.DType dtype) {
            builder.dtype(dtype);
            return this;
        }

        public Runner maxBatch(int rows) {
            builder.maxBatch(rows);
            return this;
        }

        public Runner modelName(String name) {
            builder.modelName(name);
            return this;
        }

        /** Where the audit runs: {@code "auto"} (default), {@code "cpu"}, {@code "cuda"} or {@code "cuda:1"}. */
        public Runner device(String device) {
            builder.device(device);
            return this;
        }

        /** What to do when CUDA is requested and not available (default: skip). */
        public Runner withoutCuda(WithoutCuda choice) {
            builder.withoutCuda(choice);
            return this;
        }

        /** Repeat the audit on a second device and report the differences (skipped without a GPU). */
        public Runner crossDevice(boolean enabled) {
            builder.crossDevice(enabled);
            return this;
        }

        /** Plant known symmetry breaks afterwards and report which the audit catches (off by default). */
        public Runner selfCheck(boolean enabled) {
            builder.selfCheck(enabled);
            return this;
        }

        /** What axis 0 means (default {@link BatchAxis#AUTO}: verified before stacking). */
        public Runner batchAxis(BatchAxis axis) {
            builder.batchAxis(axis);
            return this;
        }

        /** The inputs have no batch axis (a graph or point cloud): one transformed input per forward pass. */
        public Runner noBatchAxis() {
            builder.noBatchAxis();
            return this;
        }

        public Runner approximateExpected(boolean expected) {
            builder.approximateExpected(expected);
            return this;
        }

        /** The underlying spec builder. */
        public AuditSpec.Builder builder() {
            return builder;
        }

        /** The spec built so far. */
        public AuditSpec spec() {
            return builder.build();
        }

        /** Builds the spec and runs the audit. */
        public AuditReport run() {
            return Audit.run(spec());
        }
    }
}
