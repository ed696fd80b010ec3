package dev.equivariance.backend.nd4j;

import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.ModelAdapter;
import java.util.List;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Adapts a plain {@link SameDiff} graph that has one placeholder and one obvious output (see {@link SameDiffModel});
 * other graphs get an error that says how to name their inputs and outputs. A requested dtype other than the
 * graph's own is met with a converted copy of the graph.
 */
public final class SameDiffModelAdapter implements ModelAdapter {

    @Override
    public Optional<AuditedModel> adapt(Object model, List<long[]> inputShapes, DType dtype) {
        if (!(model instanceof SameDiff graph)) {
            return Optional.empty();
        }
        SameDiffModel described = SameDiffModel.of(graph);
        described.outputNames();
        if (dtype == null || dtype == described.dtype()) {
            return Optional.of(described);
        }
        SameDiffModel converted = described.standaloneIn(dtype);
        described.close();
        return Optional.of(converted);
    }
}
