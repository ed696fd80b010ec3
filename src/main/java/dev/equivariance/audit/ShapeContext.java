package dev.equivariance.audit;

import dev.equivariance.group.Group;
import dev.equivariance.rep.Action;
import dev.equivariance.search.ElementSampler;
import dev.equivariance.search.SampledElement;
import dev.equivariance.tensor.AuditedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Everything that depends on the concrete input shapes: the group (S(7) for 7 points), the actions bound to the
 * shapes, the elements drawn for it, and the evaluator. Fixed-shape audits have one context; flexible sizes give
 * one per distinct size.
 */
final class ShapeContext {

    final List<long[]> shapes;
    final Group<?> group;
    final List<Action> inputActions;
    final List<SampledElement> elements;
    final Evaluator evaluator;

    private ShapeContext(List<long[]> shapes, Group<?> group, List<Action> inputActions, List<SampledElement> elements,
                         Evaluator evaluator) {
        this.shapes = shapes;
        this.group = group;
        this.inputActions = inputActions;
        this.elements = elements;
        this.evaluator = evaluator;
    }

    /** Creates and caches the contexts of an audit. */
    static final class Cache {
        private final AuditSpec spec;
        private final AuditedModel model;
        private final RandomGenerator elementRng;
        private final Map<String, ShapeContext> contexts = new LinkedHashMap<>();
        private final BatchKnowledge batch;

        Cache(AuditSpec spec, AuditedModel model, RandomGenerator elementRng, Tolerance tolerance) {
            this.spec = spec;
            this.model = model;
            this.elementRng = elementRng;
            this.batch = new BatchKnowledge(spec, tolerance);
        }

        /** What the audit knows about its batch axis. */
        BatchKnowledge batch() {
            return batch;
        }

        /**
         * The context for these shapes, created on first use (elements are drawn then, so the order of first use
         * fixes them for a seed).
         *
         * @throws AuditException when the group or an action does not fit the shapes
         */
        ShapeContext get(List<long[]> shapes) {
            String key = shapes.stream().map(Arrays::toString).toList().toString();
            ShapeContext c = contexts.get(key);
            if (c == null) {
                c = create(shapes);
                contexts.put(key, c);
            }
            return c;
        }

        private ShapeContext create(List<long[]> shapes) {
            Group<?> group;
            try {
                group = spec.resolveGroup(shapes);
            } catch (IllegalArgumentException e) {
                throw new AuditException(e.getMessage(), e);
            }
            List<Action> bound = new ArrayList<>();
            for (int k = 0; k < spec.inputs().size(); k++) {
                try {
                    bound.add(spec.inputs().get(k).action().bind(shapes.get(k), group));
                } catch (IllegalArgumentException e) {
                    throw new AuditException("Input #" + k + " (shape " + Arrays.toString(shapes.get(k)) + "): "
                            + e.getMessage(), e);
                }
            }
            List<SampledElement> elements = ElementSampler.draw(group, spec.trials(), elementRng, spec.edgeCases(),
                    true);
            Evaluator evaluator = new Evaluator(model, group, bound, shapes, spec.outputs(), spec.invariant(),
                    spec.maxBatch(), batch);
            return new ShapeContext(shapes, group, bound, elements, evaluator);
        }

        List<ShapeContext> all() {
            return new ArrayList<>(contexts.values());
        }

        /** Model forward passes made by every context so far. */
        int forwardCalls() {
            return contexts.values().stream().mapToInt(c -> c.evaluator.forwardCalls()).sum();
        }

        List<String> notes() {
            List<String> notes = new ArrayList<>();
            for (ShapeContext c : contexts.values()) {
                for (String n : c.evaluator.notes()) {
                    if (!notes.contains(n)) {
                        notes.add(n);
                    }
                }
            }
            return notes;
        }
    }
}
