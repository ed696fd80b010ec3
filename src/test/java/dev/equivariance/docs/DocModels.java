package dev.equivariance.docs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import dev.equivariance.models.CircularCnn;

/**
 * Small fixed models for the declarations of the user guide that no model under {@code dev.equivariance.models}
 * fits (each is exactly symmetric for the reason given).
 */
final class DocModels {

    private DocModels() {
    }

    /** tanh on every value: commutes with every action that only moves values (permutations, rolls, quarter turns). */
    static Block pointwiseTanh() {
        return Activation.tanhBlock();
    }

    /** x -> 2x: commutes with every linear action (interpolated rotations, frequencies, irreps included). */
    static Block doubling() {
        return new LambdaBlock(list -> new NDList(list.singletonOrThrow().mul(2)), "doubling");
    }

    /** tanh, then the mean over the grid axes 2 and 3: invariant under every permutation of the grid. */
    static Block gridMeanOfTanh() {
        return new SequentialBlock()
                .add(Activation.tanhBlock())
                .add(new LambdaBlock(list -> new NDList(CircularCnn.globalAveragePool(list.singletonOrThrow())),
                        "gridMean"));
    }

    /**
     * The energy of a point cloud {@code (B, N, 3) -> (B, 1)}: the sum of squared distances from the centroid, invariant
     * under rigid motions, reflections and relabellings of the points.
     */
    static Block centroidEnergy() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            NDArray centred = x.sub(x.mean(new int[] {1}, true));
            long batch = x.getShape().get(0);
            return new NDList(centred.square().reshape(batch, -1).sum(new int[] {1}, true));
        }, "centroidEnergy");
    }
}
