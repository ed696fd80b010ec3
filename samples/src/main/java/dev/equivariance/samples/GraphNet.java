package dev.equivariance.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A message-passing network written the way PyTorch Geometric and e3nn models are: one point cloud, <b>no batch
 * axis</b>. Input: positions {@code pos [N, 3]}; output: a per-node displacement {@code [N, 3]} that follows the cloud,
 * {@code d_i = sum_j (x_i - x_j) w(|x_i - x_j|^2) / (N - 1)} with w a small MLP of the squared distance. Rotating or
 * reflecting the cloud rotates the displacements, translating it changes nothing, relabelling the nodes relabels
 * them. Axis 0 indexes nodes, which interact: two clouds stacked along it would be one larger cloud.
 */
public final class GraphNet extends AbstractBlock {

    private final Block weight;

    /** @param hidden width of the distance MLP */
    public GraphNet(int hidden) {
        weight = addChildBlock("weight", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(1).build()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        weight.initialize(manager, dataType, new Shape(n, n, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                  // (N, 3)
        long n = x.getShape().get(0);
        NDArray diff = x.expandDims(1).sub(x.expandDims(0));                    // (N, N, 3): x_i - x_j
        NDArray d2 = diff.square().sum(new int[] {-1}, true);                   // (N, N, 1)
        NDArray w = weight.forward(store, new NDList(d2), training).singletonOrThrow();
        return new NDList(diff.mul(w).sum(new int[] {1}).div(Math.max(1, n - 1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
