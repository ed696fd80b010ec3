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
 * Self-attention over the points of a set, {@code (B, N, d) -> (B, N, dim)}: biased query, key and value projections
 * of every point, weights {@code softmax(q_i . k_j / sqrt(dim))} over the points j, output {@code sum_j w_ij v_j}.
 *
 * <p>Why it is permutation-equivariant: every projection acts on each point alone, and the softmax and the weighted
 * sum treat the points j alike, so relabelling the points relabels the outputs. Why the key bias has no gradient:
 * it adds {@code q_i . b_k} to every logit of row i, a shift the softmax ignores, so the loss does not depend on it
 * at all; computed gradients of it are float noise on both sides of a comparison. The TorchScript twin is
 * {@code set_attention.pt} (src/test/python/export_fixtures.py).
 */
public final class SetAttention extends AbstractBlock {

    private final int dim;
    private final Block query;
    private final Block key;
    private final Block value;

    private SetAttention(int dim) {
        this.dim = dim;
        this.query = addChildBlock("query", Linear.builder().setUnits(dim).build());
        this.key = addChildBlock("key", Linear.builder().setUnits(dim).build());
        this.value = addChildBlock("value", Linear.builder().setUnits(dim).build());
    }

    /** Attention with projections of width {@code dim}. */
    public static Block build(int dim) {
        return new SetAttention(dim);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray q = query.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray k = key.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray v = value.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray logits = q.matMul(k.transpose(0, 2, 1)).mul(1.0 / Math.sqrt(dim));
        return new NDList(logits.softmax(-1).matMul(v));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block b : new Block[] {query, key, value}) {
            b.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
