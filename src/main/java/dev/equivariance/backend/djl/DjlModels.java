package dev.equivariance.backend.djl;

import ai.djl.nn.Block;
import dev.equivariance.tensor.AuditedModel;
import java.util.Arrays;
import java.util.List;

/** Factories for DJL blocks audited in a chosen mode (the adapter's default is eval mode). */
public final class DjlModels {

    private DjlModels() {
    }

    /**
     * The block run in training mode: batch norm uses the statistics of each batch, dropout is on. An uninitialised
     * block is initialised in float32 with the given input shapes.
     */
    public static AuditedModel inTrainingMode(Block block, long[]... inputShapes) {
        DjlModel model = (DjlModel) DjlModelAdapter.fromBlock(block.getClass().getSimpleName(), block,
                Arrays.asList(inputShapes), null, true);
        return model.inTrainingMode();
    }

    /** The block in eval mode, initialised with the given input shapes when it is not yet. */
    public static AuditedModel of(Block block, long[]... inputShapes) {
        return DjlModelAdapter.fromBlock(block.getClass().getSimpleName(), block, List.of(inputShapes), null, true);
    }
}
