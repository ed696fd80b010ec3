package dev.equivariance.models;

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
 * A deep residual set network, {@code (B, N, d) -> (B, N, 16)}: a per-point embedding and {@code depth} blocks
 * {@code x + out(relu(local(x) + pooled(mean_j x_j))) / 4}. Every block treats the points alike and mixes them only
 * through their mean, so the network is exactly permutation-equivariant; in float32 the means of permuted points are
 * summed in another order, and that round-off adds up over the depth (to well below the pass threshold). The
 * TorchScript twin is {@code residual_set_40.pt}.
 */
public final class ResidualSetNetwork {

    private ResidualSetNetwork() {
    }

    /** The embedding and {@code depth} residual blocks of width 16. */
    public static Block build(int depth) {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(16).build());
        for (int i = 0; i < depth; i++) {
            net.add(new Residual(16));
        }
        return net;
    }

    /** One residual block. */
    static final class Residual extends AbstractBlock {
        private final Block local;
        private final Block pooled;
        private final Block out;

        Residual(int dim) {
            local = addChildBlock("local", Linear.builder().setUnits(dim).build());
            pooled = addChildBlock("pooled", Linear.builder().setUnits(dim).optBias(false).build());
            out = addChildBlock("out", Linear.builder().setUnits(dim).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray mean = x.mean(new int[] {1}, true);
            NDArray h = local.forward(ps, new NDList(x), training).singletonOrThrow()
                    .add(pooled.forward(ps, new NDList(mean), training).singletonOrThrow());
            NDArray y = out.forward(ps, new NDList(Activation.relu(h)), training).singletonOrThrow();
            return new NDList(x.add(y.mul(0.25)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
            Shape s = shapes[0];
            local.initialize(manager, dataType, s);
            pooled.initialize(manager, dataType, new Shape(s.get(0), 1, s.get(2)));
            out.initialize(manager, dataType, s);
        }
    }
}
