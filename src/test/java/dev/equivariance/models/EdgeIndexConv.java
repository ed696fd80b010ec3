package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A message-passing layer as PyTorch Geometric writes it ({@code GraphConv} with sum aggregation): node features
 * {@code x [N, F]} and an int64 {@code edge_index [2, E]} (row 0 sources, row 1 targets), no batch axis;
 * {@code out_i = tanh(W1 x_i + sum_{(j -> i)} W2 x_j)}. Permuting the nodes and relabelling the edges permutes the
 * outputs. Gathers and scatters are one-hot products, which DJL differentiates.
 *
 * <p>The broken twin ignores its {@code edge_index} and passes messages along a fixed chain {@code i -> i + 1}: the
 * graph no longer follows the relabelling.
 */
public final class EdgeIndexConv extends AbstractBlock {

    private final int units;
    private final boolean fixedChain;
    private final Block self;
    private final Block neighbour;

    private EdgeIndexConv(int units, boolean fixedChain) {
        this.units = units;
        this.fixedChain = fixedChain;
        this.self = addChildBlock("self", Linear.builder().setUnits(units).build());
        this.neighbour = addChildBlock("neighbour", Linear.builder().setUnits(units).optBias(false).build());
    }

    /** The equivariant layer. */
    public static Block build(int units) {
        return new EdgeIndexConv(units, false);
    }

    /** The broken twin: messages along a fixed chain, whatever the edge_index says. */
    public static Block ignoringEdgeIndex(int units) {
        return new EdgeIndexConv(units, true);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        self.initialize(manager, dataType, inputShapes[0]);
        neighbour.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);                                            // (N, F)
        NDArray edges = inputs.get(1);                                        // (2, E) int64
        int n = (int) x.getShape().get(0);
        NDArray src;
        NDArray dst;
        if (fixedChain) {
            src = x.getManager().arange(0, n - 1).toType(DataType.INT64, false);
            dst = x.getManager().arange(1, n).toType(DataType.INT64, false);
        } else {
            src = edges.get(0);
            dst = edges.get(1);
        }
        NDArray gather = src.oneHot(n).toType(x.getDataType(), false);            // (E, N)
        NDArray scatter = dst.oneHot(n).toType(x.getDataType(), false).transpose(); // (N, E)
        NDArray messages = neighbour.forward(store, new NDList(gather.matMul(x)), training).singletonOrThrow();
        NDArray own = self.forward(store, new NDList(x), training).singletonOrThrow();
        return new NDList(own.add(scatter.matMul(messages)).tanh());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }
}
