package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An E(n)-equivariant graph network (EGNN, Satorras et al. 2021) written as PyTorch Geometric and e3nn users write
 * their models: one fully connected point cloud, <b>no batch axis</b>. Inputs positions {@code x [N, 3]} and invariant
 * node features {@code h [N, F]}; outputs moved positions {@code [N, 3]} and updated features {@code [N, F]}.
 *
 * <p>Each layer computes messages {@code m_ij = phi_e(h_i, h_j, |x_i - x_j|^2)}, moves points by
 * {@code x_i' = x_i + 1/(N-1) sum_j (x_i - x_j) phi_x(m_ij)} and updates {@code h_i' = h_i + phi_h(h_i, sum_j m_ij)}.
 * Messages see only distances and invariant features, so rigid motions (inversion included) commute with the layer,
 * and the sums treat all nodes alike, so permuting the nodes permutes the outputs. Rows of axis 0 are nodes: they
 * interact, so stacking two graphs along axis 0 makes one larger graph.
 *
 * <p>The broken twin applies ReLU to the coordinates between the two layers (layer {@code 02LambdaBlock}, a lambda named relu).
 */
public final class GraphEgnn {

    private GraphEgnn() {
    }

    /** Two EGNN layers: E(3) x S(N) equivariant. */
    public static Block build(int features) {
        return new SequentialBlock().add(new Layer(features)).add(new Layer(features));
    }

    /** The broken twin: ReLU on the coordinates after the first layer. */
    public static Block withReluOnCoordinates(int features) {
        return new SequentialBlock().add(new Layer(features))
                .add(new LambdaBlock(l -> new NDList(Activation.relu(l.get(0)), l.get(1)), "relu"))
                .add(new Layer(features));
    }

    /** An energy model: two layers, then a sum over nodes of a linear read-out of h; output {@code [1]}, invariant. */
    public static Block energy(int features) {
        return new SequentialBlock().add(new Layer(features)).add(new Layer(features)).add(new Readout());
    }

    /** The broken energy twin: the read-out also sees the raw coordinates of each node. */
    public static Block energyOfCoordinates(int features) {
        return new SequentialBlock().add(new Layer(features)).add(new Layer(features))
                .add(new LambdaBlock(l -> new NDList(l.get(0), l.get(1).add(l.get(0).get(":, 0:1"))), "addCoordinate"))
                .add(new Readout());
    }

    /** One EGNN layer on {@code (x [N, 3], h [N, F])}. */
    static final class Layer extends AbstractBlock {
        private final int features;
        private final Block phiE;
        private final Block phiX;
        private final Block phiH;

        Layer(int features) {
            this.features = features;
            this.phiE = addChildBlock("phiE", mlp(16, 16));
            this.phiX = addChildBlock("phiX", mlp(16, 1));
            this.phiH = addChildBlock("phiH", mlp(16, features));
        }

        private static Block mlp(int hidden, int out) {
            return new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation::tanh)
                    .add(Linear.builder().setUnits(out).build());
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            long n = inputShapes[0].get(0);
            phiE.initialize(manager, dataType, new Shape(n, n, 2L * features + 1));
            phiX.initialize(manager, dataType, new Shape(n, n, 16));
            phiH.initialize(manager, dataType, new Shape(n, features + 16L));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.get(0);                                            // (N, 3)
            NDArray h = inputs.get(1);                                            // (N, F)
            long n = x.getShape().get(0);
            NDArray diff = x.expandDims(1).sub(x.expandDims(0));                  // (N, N, 3): x_i - x_j
            NDArray dist2 = diff.square().sum(new int[] {-1}, true);              // (N, N, 1)
            Shape pair = new Shape(n, n, features);
            NDArray hi = h.expandDims(1).broadcast(pair);
            NDArray hj = h.expandDims(0).broadcast(pair);
            NDArray m = phiE.forward(store, new NDList(NDArrays.concat(new NDList(hi, hj, dist2), -1)), training)
                    .singletonOrThrow();                                          // (N, N, 16)
            NDArray weights = phiX.forward(store, new NDList(m), training).singletonOrThrow();
            NDArray moved = x.add(diff.mul(weights).sum(new int[] {1}).div(Math.max(1, n - 1)));
            NDArray aggregated = m.sum(new int[] {1});                             // (N, 16)
            NDArray updated = h.add(phiH.forward(store, new NDList(h.concat(aggregated, -1)), training)
                    .singletonOrThrow());
            return new NDList(moved, updated);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0], inputShapes[1]};
        }
    }

    /** Sum over nodes of a linear map of h: an invariant energy of shape {@code [1]}. */
    static final class Readout extends AbstractBlock {
        private final Block linear = addChildBlock("linear", Linear.builder().setUnits(1).build());

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            linear.initialize(manager, dataType, inputShapes[1]);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray e = linear.forward(store, new NDList(inputs.get(1)), training).singletonOrThrow();   // (N, 1)
            return new NDList(e.sum(new int[] {0}));                                                   // (1)
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(1)};
        }
    }
}
