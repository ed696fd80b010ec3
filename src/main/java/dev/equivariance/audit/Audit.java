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
        // the adapters are closed within the turn too: closing one ends engine state (SameDiff sessions) that
        // another audit of the same model may be using
        return ModelTurns.take(spec.model(), () -> runAndClose(spec));
    }

    private static AuditReport runAndClose(AuditSpec spec) {
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
        return ModelTurns.take(model, () -> runInTurn(spec, device -> PlacedModel.asIs(model, device)));
    }

    /**
     * Runs the audit on the model the placer puts on the spec's device, and with {@code crossDevice} again on a
     * second device.
     *
     * @throws org.opentest4j.TestAbortedException when CUDA is requested, not available and the spec says skip
     */
    public static AuditReport run(AuditSpec spec, ModelPlacer placer) {
        return ModelTurns.take(spec.model(), () -> runInTurn(spec, placer));
    }

    private static AuditReport runInTurn(AuditSpec spec, ModelPlacer placer) {
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
        SplittableRandom elementRng = Seeds.elementRandom(seed);
        List<Draw> draws = draw(spec, Seeds.inputRandom(seed));
        ShapeContext.Cache contexts = new ShapeContext.Cache(spec, model, elementRng, tolerance);
        contexts.get(spec.inputs().stream().map(InputSpec::shape).toList());

        List<Sample> samples = new ArrayList<>();
        for (Draw d : draws) {
            samples.add(new Sample(d.index(), d.input(), d.sizes(),
                    contexts.get(d.input().stream().map(HostArray::shape).toList())));
        }
        PairError[][] errors = new PairError[samples.size()][];
        ProgressClock clock = new ProgressClock(spec.progress(), spec.modelName() != null ? spec.modelName()
                : model.name());
        for (Sample s : samples) {
            clock.step("end to end", s.index(), samples.size());
            try (TensorScope scope = model.backend().openScope()) {
                Evaluator.Prepared p = s.context().evaluator.prepare(s.index(), s.input());
                s.context().evaluator.noteScale(p);
                errors[s.index()] = s.context().evaluator.evaluate(p,
                        s.context().elements.stream().map(SampledElement::element).toList());
            }
        }
        AuditReport report = new ReportBuilder(spec, model, placed.selection(), contexts, tolerance, seed, samples,
                errors).progress(clock).build();
        if (!spec.selfCheck()) {
            return report;
        }
        clock.phase("self-check");
        return new SelfCheck(spec, model, tolerance, samples.get(0)).run(report);
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

    /** One generated input before it meets a model. */
    record Draw(int index, List<HostArray> input, Map<String, Integer> sizes) {
    }

    /** A generated input: its values, the flexible sizes it was drawn with, and its shape context. */
    record Sample(int index, List<HostArray> input, Map<String, Integer> sizes, ShapeContext context) {
    }

    /** A fluent spec builder that can run itself. */
    public static final class Runner extends SpecBuilder<Runner> {

        private Runner(Object model) {
            model(model);
        }

        /** The spec built so far. */
        public AuditSpec spec() {
            return build();
        }

        /** Builds the spec and runs the audit. */
        public AuditReport run() {
            return Audit.run(spec());
        }
    }
}
