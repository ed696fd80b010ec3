package dev.equivariance.audit;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.search.ElementSampler;
import dev.equivariance.search.HostArray;
import dev.equivariance.search.SampledElement;
import dev.equivariance.search.Seeds;
import dev.equivariance.search.Shrinker;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.ModelAdapters;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

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

    /** Runs the audit the spec describes. */
    public static AuditReport run(AuditSpec spec) {
        List<long[]> shapes = spec.inputs().stream().map(InputSpec::shape).toList();
        AuditedModel model;
        try {
            model = ModelAdapters.adapt(spec.model(), shapes, spec.dtype());
        } catch (IllegalArgumentException e) {
            throw new AuditException(e.getMessage(), e);
        }
        try {
            return run(spec, model);
        } finally {
            if (model != spec.model()) {
                model.close();
            }
        }
    }

    /** Runs the audit on an already adapted model (which stays open). */
    public static AuditReport run(AuditSpec spec, AuditedModel model) {
        Group<?> group;
        try {
            group = spec.resolveGroup();
        } catch (IllegalArgumentException e) {
            throw new AuditException(e.getMessage(), e);
        }
        List<Action> inputActions = new ArrayList<>();
        for (int k = 0; k < spec.inputs().size(); k++) {
            InputSpec in = spec.inputs().get(k);
            try {
                inputActions.add(in.action().bind(in.shape(), group));
            } catch (IllegalArgumentException e) {
                throw new AuditException("Input #" + k + " (shape " + Arrays.toString(in.shape()) + "): "
                        + e.getMessage(), e);
            }
        }
        Tolerance tolerance = Tolerance.forDtype(model.dtype());
        if (spec.passTolerance() != null) {
            tolerance = tolerance.withPass(spec.passTolerance());
        }
        long seed = Seeds.resolve(spec.seed(), spec.seedKey());
        SplittableRandom rng = new SplittableRandom(seed);
        SplittableRandom elementRng = rng.split();
        SplittableRandom inputRng = rng.split();
        List<SampledElement> sampled = ElementSampler.draw(group, spec.trials(), elementRng);
        List<GroupElement> elements = sampled.stream().map(SampledElement::element).toList();
        List<List<HostArray>> inputs = new ArrayList<>();
        for (int i = 0; i < spec.samples(); i++) {
            inputs.add(generate(spec, inputRng, i));
        }

        Evaluator evaluator = new Evaluator(model, group, inputActions, shapes(spec), spec.outputs(), spec.invariant(),
                spec.maxBatch());
        PairError[][] errors = new PairError[inputs.size()][];
        double determinismGap = 0;
        for (int i = 0; i < inputs.size(); i++) {
            try (TensorScope scope = model.backend().openScope()) {
                Evaluator.Prepared p = evaluator.prepare(i, inputs.get(i));
                if (i == 0) {
                    determinismGap = evaluator.determinismGap(p);
                }
                errors[i] = evaluator.evaluate(p, elements);
            }
        }
        return new ReportBuilder(spec, model, group, inputActions, evaluator, tolerance, seed, sampled, inputs, errors,
                determinismGap).build();
    }

    private static List<long[]> shapes(AuditSpec spec) {
        return spec.inputs().stream().map(InputSpec::shape).toList();
    }

    private static List<HostArray> generate(AuditSpec spec, SplittableRandom rng, int index) {
        List<HostArray> input = new ArrayList<>();
        for (int k = 0; k < spec.inputs().size(); k++) {
            InputSpec in = spec.inputs().get(k);
            double[] values = in.source().sample(in.shape(), rng);
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new AuditException("The input source for input #" + k + " produced NaN or Inf (sample #"
                            + index + "); inputs must be finite");
                }
            }
            input.add(new HostArray(values, in.shape()));
        }
        return input;
    }

    /**
     * Finds the simplest failing pair, shrinks it, and checks that it fails reproducibly. The counterexample must
     * witness the verdict: it starts from a pair at the worst level seen (broken when the audit fails) and shrinks
     * only to elements that stay at that level. (Shrinking to anything above the pass threshold would drive a
     * continuous group toward the identity until the error barely exceeds it: a FAIL reported with a counterexample
     * whose own error is merely approximate, and which a small numerical change could make pass.)
     */
    static Optional<Counterexample> counterexample(Group<?> group, Evaluator evaluator, AuditedModel model,
                                                   List<GroupElement> elements, List<List<HostArray>> inputs,
                                                   PairError[][] errors, Tolerance tolerance, int budget,
                                                   List<Issue> issues) {
        Level worst = Level.EXACT;
        for (PairError[] row : errors) {
            for (PairError e : row) {
                Level level = tolerance.classify(e.relative());
                if (level.compareTo(worst) > 0) {
                    worst = level;
                }
            }
        }
        Level target = worst;
        java.util.function.DoublePredicate witnesses = e -> !tolerance.passes(e)
                && tolerance.classify(e).compareTo(target) >= 0;
        int bestI = -1;
        int bestJ = -1;
        double bestComplexity = Double.MAX_VALUE;
        for (int i = 0; i < errors.length; i++) {
            for (int j = 0; j < errors[i].length; j++) {
                double rel = errors[i][j].relative();
                if (!witnesses.test(rel)) {
                    continue;
                }
                double c = Shrinker.complexity(group, elements.get(j));
                if (c < bestComplexity || c == bestComplexity && rel > errors[bestI][bestJ].relative()) {
                    bestComplexity = c;
                    bestI = i;
                    bestJ = j;
                }
            }
        }
        if (bestI < 0) {
            return Optional.empty();
        }
        GroupElement start = elements.get(bestJ);
        double startError = errors[bestI][bestJ].relative();
        try (TensorScope scope = model.backend().openScope()) {
            Evaluator.Prepared p = evaluator.prepare(bestI, inputs.get(bestI));
            Shrinker.Result shrunk = new Shrinker(group, budget).shrink(start, startError,
                    g -> evaluator.evaluate(p, List.of(g))[0].relative(), witnesses);
            double replay1 = evaluator.evaluate(p, List.of(shrunk.element()))[0].relative();
            double replay2 = evaluator.evaluate(p, List.of(shrunk.element()))[0].relative();
            if (tolerance.passes(replay1) || tolerance.passes(replay2)) {
                issues.add(new Issue("Nondeterministic model",
                        "The smallest failing transformation does not fail again when replayed: the model's output "
                                + "changes from call to call.", "whole model", Issue.Severity.ERROR,
                        "Put the model in eval mode (dropout off), fix random seeds inside the model, and avoid "
                                + "nondeterministic kernels.",
                        String.format(Locale.ROOT, "g = %s: error %.3g when shrunk, %.3g and %.3g on replay",
                                shrunk.element(), shrunk.error(), replay1, replay2)));
                return Optional.empty();
            }
            return Optional.of(new Counterexample(start.toString(), startError, shrunk.element().toString(),
                    shrunk.error(), bestI, Evaluator.shapes(inputs.get(bestI)), shrunk.steps(),
                    shrunk.evaluations() + 2));
        }
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

        public Runner input(Action action, dev.equivariance.search.InputSource source, long... shape) {
            builder.input(action, source, shape);
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

        public Runner approximateExpected(boolean expected) {
            builder.approximateExpected(expected);
            return this;
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
