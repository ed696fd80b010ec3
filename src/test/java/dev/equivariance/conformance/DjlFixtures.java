package dev.equivariance.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.equivariance.backend.djl.DjlBackend;
import dev.equivariance.models.C4LiftingConv;
import dev.equivariance.models.DeepSets;
import dev.equivariance.models.EgnnCoordinates;
import dev.equivariance.models.LayeredModels;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;

/** The fixture models as DJL blocks (the project's test models), initialised and loaded with {@link SharedWeights}. */
final class DjlFixtures implements BackendFixtures {

    private final NDManager manager = NDManager.newBaseManager();
    private final DjlBackend backend = new DjlBackend();

    @Override
    public String name() {
        return "DJL";
    }

    @Override
    public TensorBackend backend() {
        return backend;
    }

    @Override
    public Object deepSets(boolean positional, int n, DType dtype) {
        Block b = positional ? DeepSets.withPositionalEmbedding(SharedWeights.HIDDEN)
                : DeepSets.build(SharedWeights.HIDDEN);
        return load(b, dtype, new Shape(2, n, 3), dense(SharedWeights.deepSets(3)));
    }

    @Override
    public Object liftingConv(boolean unrotated, DType dtype) {
        SharedWeights.Kernel k = SharedWeights.lifting(2, 3);
        Block b = unrotated ? C4LiftingConv.unrotatedKernel(k.fields(), k.size())
                : C4LiftingConv.equivariant(k.fields(), k.size());
        return load(b, dtype, new Shape(2, 1, 7, 7), List.of(k.weight(), k.bias()));
    }

    @Override
    public Object vectorModel(boolean reluOnVectors, DType dtype) {
        Block b = reluOnVectors ? EgnnCoordinates.withReluOnVectors(SharedWeights.HIDDEN)
                : EgnnCoordinates.build(SharedWeights.HIDDEN);
        return load(b, dtype, new Shape(2, 5, 3), dense(SharedWeights.egnn()));
    }

    @Override
    public Object setNetwork(boolean broken, int n) {
        return load(LayeredModels.setNetwork(broken), DType.FLOAT32, new Shape(2, n, 3),
                dense(SharedWeights.setNetwork(3)));
    }

    @Override
    public String rampLayer() {
        return "03LambdaBlock";
    }

    @Override
    public Object straightThrough(int n) {
        return load(LayeredModels.straightThrough(), DType.FLOAT32, new Shape(2, n, 3),
                dense(SharedWeights.straightThrough(n, 3)));
    }

    @Override
    public String straightThroughWeight() {
        return "h_weight";
    }

    @Override
    public Object nanOutput() {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().mul(0).div(0)), "zeroOverZero");
    }

    @Override
    public Object throwing() {
        return new LambdaBlock(list -> {
            throw new IllegalStateException("expected 4 channels, got 3");
        }, "throwing");
    }

    private static List<double[]> dense(List<SharedWeights.Dense> layers) {
        List<double[]> out = new ArrayList<>();
        for (SharedWeights.Dense d : layers) {
            out.add(d.weight());
            out.add(d.bias());
        }
        return out;
    }

    /** Initialises the block in {@code dtype} and overwrites its parameters, in DJL's order, with the shared weights. */
    private Block load(Block block, DType dtype, Shape inputShape, List<double[]> weights) {
        DataType type = dtype == DType.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
        block.initialize(manager, type, inputShape);
        List<Pair<String, Parameter>> params = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            params.add(p);
        }
        if (params.size() != weights.size()) {
            throw new IllegalStateException(block.getClass().getSimpleName() + " has " + params.size()
                    + " parameters, the shared weights " + weights.size());
        }
        for (int i = 0; i < params.size(); i++) {
            NDArray array = params.get(i).getValue().getArray();
            double[] w = weights.get(i);
            if (array.size() != w.length) {
                throw new IllegalStateException("Parameter " + params.get(i).getKey() + " has " + array.size()
                        + " elements, the shared weight " + w.length);
            }
            if (type == DataType.FLOAT64) {
                array.set(w);
            } else {
                float[] f = new float[w.length];
                for (int j = 0; j < w.length; j++) {
                    f[j] = (float) w[j];
                }
                array.set(f);
            }
        }
        return block;
    }
}
