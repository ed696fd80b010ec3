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
 * One equivariant graph convolutional layer, E(n)-GNN (Satorras, Hoogeboom and Welling, 2021), on a fully
 * connected graph:
 * <pre>
 *   m_ij  = phi_e(h_i, h_j, |x_i - x_j|^2)                       (edge messages, from invariants only)
 *   x_i'  = x_i + 1/(N-1) * sum_{j != i} (x_i - x_j) phi_x(m_ij)   (coordinates move along relative vectors)
 *   h_i'  = h_i + phi_h(h_i, sum_{j != i} m_ij)                  (node features, residual)
 * </pre>
 * {@code phi_x} ends in {@code tanh}, a common choice for stable coordinate updates: each relative vector is scaled
 * by a weight in (-1, 1), so one layer moves a point by less than its largest distance to another point, however
 * large the messages grow.
 *
 * <p>Inputs: coordinates {@code (batch, N, 3)} and node features {@code (batch, N, F)}; outputs the updated pair.
 * Messages see only squared distances and invariant features, and coordinates change only by weighted sums of
 * difference vectors, so rotations, reflections and translations of the cloud carry through the layer, and
 * relabelling the nodes relabels the outputs.
 */
public final class EgnnLayer extends AbstractBlock {

    private final int features;
    private final int hidden;
    private final Block edgeMlp;
    private final Block coordinateMlp;
    private final Block nodeMlp;

    /**
     * @param features width F of the node features (kept by the layer)
     * @param hidden width of the messages and hidden layers
     */
    public EgnnLayer(int features, int hidden) {
        this.features = features;
        this.hidden = hidden;
        edgeMlp = addChildBlock("edge", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(EgnnLayer::silu)
                .add(Linear.builder().setUnits(hidden).build())
                .add(EgnnLayer::silu));
        coordinateMlp = addChildBlock("coordinate", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(EgnnLayer::silu)
                .add(Linear.builder().setUnits(1).build())
                .add(Activation::tanh));
        nodeMlp = addChildBlock("node", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(EgnnLayer::silu)
                .add(Linear.builder().setUnits(features).build()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray h = inputs.get(1);
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);

        NDArray diff = x.expandDims(2).sub(x.expandDims(1));              // (b, n, n, 3): x_i - x_j
        NDArray dist2 = diff.square().sum(new int[] {3}, true);           // (b, n, n, 1)
        Shape pairs = new Shape(b, n, n, features);
        NDArray hi = h.expandDims(2).broadcast(pairs);
        NDArray hj = h.expandDims(1).broadcast(pairs);
        NDArray edgeInput = hi.concat(hj, 3).concat(dist2, 3);
        NDArray notSelf = x.getManager().ones(new Shape(n, n), x.getDataType())
                .sub(x.getManager().eye((int) n, (int) n, 0, x.getDataType())).reshape(1, n, n, 1);
        NDArray messages = apply(edgeMlp, parameterStore, edgeInput, training).mul(notSelf);

        NDArray weights = apply(coordinateMlp, parameterStore, messages, training);   // (b, n, n, 1)
        NDArray xNew = x.add(diff.mul(weights).sum(new int[] {2}).div(Math.max(1, n - 1)));

        NDArray aggregated = messages.sum(new int[] {2});                              // (b, n, hidden)
        NDArray hNew = h.add(apply(nodeMlp, parameterStore, h.concat(aggregated, 2), training));
        return new NDList(xNew, hNew);
    }

    private static NDArray apply(Block block, ParameterStore store, NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).singletonOrThrow();
    }

    private static NDList silu(NDList input) {
        return Activation.swish(input, 1f);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        long n = inputShapes[0].get(1);
        edgeMlp.initialize(manager, dataType, new Shape(b, n, n, 2L * features + 1));
        coordinateMlp.initialize(manager, dataType, new Shape(b, n, n, hidden));
        nodeMlp.initialize(manager, dataType, new Shape(b, n, features + (long) hidden));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[1]};
    }

    @Override
    public String toString() {
        return "EgnnLayer(features=" + features + ", hidden=" + hidden + ")";
    }
}
