package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds an input the model does not read although the group acts on it: replacing it by other values leaves every
 * output unchanged. Such a model cannot follow that input's transformation (a graph network that passes messages
 * along hard-coded edges instead of the {@code edge_index} it is given), so the failure is named at the input.
 */
final class IgnoredInputDetector {

    private IgnoredInputDetector() {
    }

    static Optional<Issue> examine(AuditedModel model, ShapeContext main, List<HostArray> sample) {
        if (sample.size() < 2) {
            return Optional.empty();
        }
        BatchKnowledge knowledge = main.evaluator.batchKnowledge();
        List<HostArray> other = knowledge.otherInput(sample);
        List<HostArray> fx = HostRuns.forward(model, sample);
        for (int k = 0; k < sample.size(); k++) {
            if (main.inputActions.get(k).isTrivial() || Arrays.equals(other.get(k).data(), sample.get(k).data())) {
                continue;
            }
            List<HostArray> replaced = new ArrayList<>(sample);
            replaced.set(k, other.get(k));
            List<HostArray> fy = HostRuns.forward(model, replaced);
            double change = 0;
            for (int j = 0; j < fx.size(); j++) {
                change = Math.max(change, HostRuns.relative(fy.get(j).data(), fx.get(j).data()));
            }
            if (change <= knowledge.threshold()) {
                String action = main.inputActions.get(k).describe();
                return Optional.of(new Issue(IssueKind.IGNORED_INPUT,
                        "The model's outputs do not depend on input #" + k + " (" + action + ") at all, although the "
                                + "group acts on it: what the transformation does to this input cannot reach the "
                                + "outputs. Typical: message passing along hard-coded edges instead of the edge_index "
                                + "passed in, or an input wired to nothing.", "input #" + k, Issue.Severity.ERROR,
                        "Make the model use input #" + k + " (e.g. pass edge_index to the message passing), or "
                                + "remove the input from the model and the declaration.",
                        String.format(Locale.ROOT, "input #%d replaced by other values: outputs change by %.3g "
                                + "(relative)", k, change)));
            }
        }
        return Optional.empty();
    }
}
