package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** One planted model per failure mode the diagnosis names (the others live in their own model classes). */
public final class FailureModes {

    private FailureModes() {
    }

    /** Scales each 3-vector (last axis) by a function of its norm: rotation-equivariant, no parameters. */
    static Block vectorGate(String name) {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            NDArray norm = x.square().sum(new int[] {-1}, true).sqrt();
            return new NDList(x.mul(Activation.sigmoid(norm.sub(1))));
        }, name);
    }

    /** Gate, then ReLU on the vector components, then gate: the ReLU breaks rotation equivariance. */
    public static Block reluOnVectors() {
        return new SequentialBlock().add(vectorGate("gate")).add(Activation.reluBlock()).add(vectorGate("gate"));
    }

    /** Gate, a layer that adds a fixed direction, gate: a bug isolated in one custom layer. */
    public static Block fixedDirectionLayer() {
        return new SequentialBlock().add(vectorGate("gate")).add(new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            NDArray dir = x.getManager().create(new float[] {0.5f, 0f, 0f}).toType(x.getDataType(), false);
            return new NDList(x.add(dir));
        }, "addDirection")).add(vectorGate("gate"));
    }

    /**
     * A permutation-invariant set model with batch norm over the feature axis: in training mode the batch
     * statistics couple the samples of a batch.
     */
    public static Block setModelWithBatchNorm() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(BatchNorm.builder().optAxis(2).build())
                .add(Activation.reluBlock())
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().sum(new int[] {1})), "sumPool"))
                .add(Linear.builder().setUnits(1).build());
    }

    /**
     * A deep rotation-equivariant vector network: {@code depth} blocks, each gating the vectors by a learned function
     * of their norms, shifting them far along the cloud's mean and back (which loses digits to cancellation), and
     * mixing each point with the mean. Exactly equivariant; in float32 the round-off of every block adds up to an
     * error above float32's exact level but well below the pass threshold.
     */
    public static Block deepVectorNetwork(int depth) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < depth; i++) {
            net.add(new LearnedGate());
            net.add(new LambdaBlock(list -> {
                NDArray x = list.singletonOrThrow();
                NDArray far = x.mean(new int[] {1}, true).mul(300);
                return new NDList(x.add(far).sub(far));
            }, "shiftAndBack"));
            net.add(new LambdaBlock(list -> {
                NDArray x = list.singletonOrThrow();
                return new NDList(x.mul(0.7).add(x.mean(new int[] {1}, true).mul(0.6)));
            }, "meanMix"));
        }
        return net;
    }

    /** x * sigmoid(mlp(|x|)) with a small learned MLP on the norms. */
    static final class LearnedGate extends AbstractBlock {
        private final Block hidden = Linear.builder().setUnits(8).build();
        private final Block out = Linear.builder().setUnits(1).build();

        LearnedGate() {
            addChildBlock("hidden", hidden);
            addChildBlock("out", out);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray norm = x.square().sum(new int[] {-1}, true).sqrt();
            NDArray h = Activation.tanh(hidden.forward(ps, new NDList(norm), training).singletonOrThrow());
            NDArray gate = Activation.sigmoid(out.forward(ps, new NDList(h), training).singletonOrThrow());
            return new NDList(x.mul(gate.mul(2)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }

        @Override
        protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... shapes) {
            Shape in = shapes[0];
            Shape norms = in.slice(0, in.dimension() - 1).add(1);
            hidden.initialize(manager, dataType, norms);
            out.initialize(manager, dataType, norms.slice(0, norms.dimension() - 1).add(8));
        }
    }
}
