package dev.equivariance.audit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the failure mode of the first breaking layer: a pointwise nonlinearity applied to features that are not
 * scalars (vectors, irreps), or a bug isolated in one (custom) layer.
 */
final class LayerDetector {

    private LayerDetector() {
    }

    static Optional<Issue> examine(List<LayerResult> layers, boolean activation, Tolerance tolerance) {
        int first = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).firstBreaking()) {
                first = i;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        LayerResult l = layers.get(first);
        String evidence = String.format(Locale.ROOT, "layer alone: %s, activation after it: %s; layers before it: all "
                + "within tolerance", fmt(l.localError()), fmt(l.propagatedError()));
        if (activation) {
            return Optional.of(new Issue(IssueKind.NON_EQUIVARIANT_NONLINEARITY,
                    "The pointwise nonlinearity " + l.kind() + " is applied to features that transform non-trivially ("
                            + actionOf(first, layers) + "); a pointwise function does not commute with rotations of "
                            + "vector or irreps features.", "layer " + l.name(), Issue.Severity.ERROR,
                    "Apply pointwise nonlinearities to scalar (invariant) channels only; gate vector features with "
                            + "scalars (gated nonlinearity) or act on their norms (norm nonlinearity).", evidence));
        }
        boolean isolated = !Double.isNaN(l.localError());
        for (int i = first + 1; i < layers.size(); i++) {
            double e = layers.get(i).localError();
            if (Double.isNaN(e) || !tolerance.passes(e)) {
                isolated = false;
            }
        }
        String extra = isolated ? "; every later layer is equivariant on its own" : "";
        return Optional.of(new Issue(isolated ? IssueKind.CUSTOM_LAYER_BUG : IssueKind.BREAKING_LAYER,
                "The error starts in layer " + l.name() + " (" + l.kind() + ")" + (isolated
                        ? " and is isolated there: every layer before and after it is equivariant on its own."
                        : "."), "layer " + l.name(), Issue.Severity.ERROR,
                "Check " + l.name() + " against the action on its input and output (" + l.action() + "): fixed "
                        + "positions, directions or indices, or an operation that does not commute with the group.",
                evidence + extra));
    }

    private static String actionOf(int index, List<LayerResult> layers) {
        return index == 0 ? "the input's action" : layers.get(index - 1).action();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "not run" : String.format(Locale.ROOT, "%.3g", v);
    }
}
