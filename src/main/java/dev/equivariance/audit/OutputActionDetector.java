package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.TensorScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Output-action mismatch: when the audit fails, tries the other output actions the spec suggests (each input's
 * action, the trivial action, vectors and pseudovectors for rotation groups). If one of them fits, the model is fine
 * and the declaration is wrong, e.g. "declared invariant, but the output transforms like the input".
 */
final class OutputActionDetector {

    private OutputActionDetector() {
    }

    static Optional<Issue> examine(AuditSpec spec, AuditedModel model, ShapeContext ctx, List<HostArray> sample,
                                   List<GroupElement> probe, Tolerance tolerance) {
        List<Action> declared = ctx.evaluator.outputActions();
        if (declared == null || declared.size() != 1 || probe.isEmpty()) {
            return Optional.empty();
        }
        String declaredName = declared.get(0).describe();
        Map<String, Action> candidates = new LinkedHashMap<>();
        for (int k = 0; k < spec.inputs().size(); k++) {
            candidates.putIfAbsent(spec.inputs().get(k).action().describe(), spec.inputs().get(k).action());
        }
        candidates.putIfAbsent("trivial", Actions.trivial());
        if (ctx.group.identity().part(OrthogonalMatrix.class).isPresent()) {
            candidates.putIfAbsent(Actions.vector().describe(), Actions.vector());
            candidates.putIfAbsent(Actions.pseudovector(-1).describe(), Actions.pseudovector(-1));
        }
        candidates.remove(declaredName);
        for (Action candidate : candidates.values()) {
            Evaluator e = new Evaluator(model, ctx.group, ctx.inputActions, ctx.shapes, List.of(candidate), false,
                    spec.maxBatch(), ctx.evaluator.batchKnowledge());
            double worst = 0;
            try (TensorScope scope = model.backend().openScope()) {
                Evaluator.Prepared p = e.prepare(0, sample);
                for (PairError pe : e.evaluate(p, probe)) {
                    worst = Math.max(worst, Double.isNaN(pe.relative()) ? Double.POSITIVE_INFINITY : pe.relative());
                }
            } catch (AuditException ex) {
                continue;
            }
            if (tolerance.passes(worst)) {
                boolean likeInput = spec.inputs().stream().anyMatch(in -> in.action().describe()
                        .equals(candidate.describe()));
                String how = candidate.isTrivial() ? "is invariant"
                        : "transforms like " + (likeInput ? "the input (" + candidate.describe() + ")"
                        : candidate.describe());
                return Optional.of(new Issue(IssueKind.WRONG_OUTPUT_ACTION,
                        "Declared " + (declared.get(0).isTrivial() ? "invariant" : "output action " + declaredName)
                                + ", but the output " + how + ": the model is consistent, the declaration is not.",
                        "output #0", Issue.Severity.ERROR,
                        "Declare the output action " + candidate.describe() + " (or, if " + declaredName
                                + " is what the model must do, fix the model's output layer).",
                        String.format(Locale.ROOT, "max relative error with %s: %.3g (declared %s: fails)",
                                candidate.describe(), worst, declaredName)));
            }
        }
        return Optional.empty();
    }
}
