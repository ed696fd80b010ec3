package dev.equivariance.broken;

import ai.djl.ndarray.NDArray;
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
 * Message passing on one point cloud without a batch axis ({@code pos [N, 3]}), displacements
 * {@code sum_j (x_i - x_j) w(|x_i - x_j|^2)}, then a ReLU on each displacement component. The planted bug: ReLU does
 * not commute with rotations. Axis 0 holds nodes, which interact, so the auditor must neither stack clouds nor run
 * nodes alone, and must blame the ReLU, not batch norm or nondeterminism.
 */
public final class CloudNet {

    private CloudNet() {
    }

    public static Block build() {
        return new SequentialBlock().add(new Messages(16))
                .add(new LambdaBlock(l -> new NDList(Activation.relu(l.singletonOrThrow())), "ReLU"));
    }

    /** The equivariant message-passing layer. */
    static final class Messages extends AbstractBlock {
        private final Block weight;

        Messages(int hidden) {
            weight = addChildBlock("weight", new SequentialBlock().add(Linear.builder().setUnits(hidden).build())
                    .add(Activation::tanh).add(Linear.builder().setUnits(1).build()));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            long n = inputShapes[0].get(0);
            weight.initialize(manager, dataType, new Shape(n, n, 1));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray diff = x.expandDims(1).sub(x.expandDims(0));
            NDArray w = weight.forward(store, new NDList(diff.square().sum(new int[] {-1}, true)), training)
                    .singletonOrThrow();
            return new NDList(diff.mul(w).sum(new int[] {1}));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }
    }
}
