package dev.equivariance.models;

import dev.equivariance.backend.nd4j.Nd4jTestSetup;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A SameDiff graph that scales each point by a learned function of its norm: y = x (1 + w |x|^2), SO(3)-equivariant. */
public final class NormGateGraph {

    private NormGateGraph() {
    }

    /** The graph, with placeholder {@code points} [B, N, 3] and output {@code scaled}. */
    public static SameDiff build() {
        Nd4jTestSetup.init();
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("points", DataType.FLOAT, -1, -1, 3);
        SDVariable w = sd.var("w", Nd4j.scalar(DataType.FLOAT, 0.3f));
        SDVariable gate = sd.sum(x.mul(x), true, 2).mul(w).add(1.0);
        x.mul("scaled", gate);
        return sd;
    }
}
