package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import dev.equivariance.tensor.TensorScope;
import java.util.List;
import java.util.Optional;

/**
 * A declaration that cannot fail: when no tested element moved any input (a trivial input action, the wrong axis, a
 * size-1 axis, elements that all act as the identity), every model passes, broken or not. Found on the first input
 * with one stacked transform per input.
 */
final class VacuityCheck {

    private VacuityCheck() {
    }

    static Optional<Issue> examine(TensorBackend backend, ShapeContext main, List<HostArray> input,
                                   List<GroupElement> elements) {
        if (elements.isEmpty()) {
            return Optional.empty();
        }
        try (TensorScope scope = backend.openScope()) {
            for (int k = 0; k < input.size(); k++) {
                Tensor x = Uploads.exact(backend, input.get(k));
                Tensor moved = main.inputActions.get(k).applyEach(elements, x);
                Tensor same = x.tile(elements.size());
                Tensor a = moved.dtype() == DType.FLOAT64 || moved.dtype().isInteger() ? moved : moved.cast(DType.FLOAT64);
                Tensor b = same.dtype() == a.dtype() ? same : same.cast(a.dtype());
                double[] maxAbs = a.sliceDifferenceStatistics(b)[1];
                double scale = Math.max(1e-300, x.maxAbs());
                for (double m : maxAbs) {
                    if (m > 1e-12 * scale) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of(issue(main));
    }

    /**
     * Whether some slice of {@code transformed} (x transformed by a chunk of elements, stacked) differs from
     * {@code x}: by more than 1e-12 of x's largest value, as {@link #examine} measures it.
     */
    static boolean moves(Tensor transformed, Tensor x, HostArray host) {
        Tensor same = x.tile((int) transformed.shape()[0]);
        Tensor b = same.dtype() == transformed.dtype() ? same : same.cast(transformed.dtype());
        double scale = 1e-300;
        for (double v : host.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (double m : transformed.sliceDifferenceStatistics(b)[1]) {
            if (m > 1e-12 * scale) {
                return true;
            }
        }
        return false;
    }

    private static Issue issue(ShapeContext main) {
        StringBuilder actions = new StringBuilder();
        for (int k = 0; k < main.inputActions.size(); k++) {
            actions.append(k == 0 ? "" : ", ").append("input #").append(k).append(": ")
                    .append(main.inputActions.get(k).describe());
        }
        return new Issue(IssueKind.VACUOUS_AUDIT,
                "No tested element moved any input, so the comparisons are f(x) against f(x) and no model could fail "
                        + "this audit: the declaration cannot catch a bug.", "input actions", Issue.Severity.WARNING,
                "Declare how the inputs really transform (the right action and axis; an axis of size 1 cannot be "
                        + "permuted or rolled), or a group whose elements move them.",
                main.elements.size() + " element(s) tested; every one left every input unchanged (" + actions + ")");
    }
}
