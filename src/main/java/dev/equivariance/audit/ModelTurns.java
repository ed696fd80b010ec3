package dev.equivariance.audit;

import dev.equivariance.tensor.ModelAdapters;
import java.util.function.Supplier;

/**
 * Lets audits of one model take turns. An engine keeps state per model object that concurrent calls would corrupt:
 * DJL's parameter swaps and the scope stack of the adapter's manager, a TorchScript module's mode and its layer copy,
 * a SameDiff graph's sessions. So an audit (placement, end to end, layers, gradients, self-check) holds its model's
 * {@link ModelAdapters#sharedState shared state} for its whole run; audits of different models run in parallel.
 * Turns are reentrant, so an audit may start another on the same model from its own thread.
 */
public final class ModelTurns {

    private ModelTurns() {
    }

    /** Runs {@code work} while holding the turn of {@code model} (a user's model object or an adapted model). */
    public static <T> T take(Object model, Supplier<T> work) {
        Object shared = ModelAdapters.sharedState(model);
        synchronized (shared) {
            return work.get();
        }
    }
}
