package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.equivariance.rep.ClebschGordan;

/**
 * A small e3nn-style layer built from real tensor products with Clebsch-Gordan coupling: input irreps
 * {@code 4x0e + 2x1o} ({@code (..., 10)}: scalars s_1..s_4, vectors v_1, v_2), output irreps
 * {@code 2x0e + 1x1o + 1x2e} ({@code (..., 10)}). The paths:
 * <pre>
 *   0e: tanh(Linear(s_1..s_4, C110(v_1, v_1), C110(v_1, v_2), C110(v_2, v_2)))     1o x 1o -> 0e, mixed with scalars
 *   1o: C011(g_1, v_1) + C011(g_2, v_2),  g = Linear(s)                              0e x 1o -> 1o, gated by scalars
 *   2e: w_11 C112(v_1, v_1) + w_12 C112(v_1, v_2) + w_22 C112(v_2, v_2)              1o x 1o -> 2e
 * </pre>
 * where {@code Cl1l2l3(a, b)_k = sum_ij C[i][j][k] a_i b_j} with {@link ClebschGordan}'s coefficients in e3nn's basis.
 *
 * <p>Why it is O(3) equivariant: each coupling intertwines {@code D1 x D2} with {@code D3}, and the parities match
 * (odd times odd is even; a scalar times a vector is a vector). Linear maps and tanh act on invariant scalars only,
 * and sums of equivariant paths with the same output irreps are equivariant.
 *
 * <p>The broken twin perturbs the coupling coefficients of the 1o x 1o -> 2e path (one entry changed by 0.3): the
 * five outputs no longer turn as a degree-2 irrep.
 */
public final class TensorProductModel extends AbstractBlock {

    private static final double[] PATH_WEIGHTS = {0.8, -1.3, 0.55};

    private final double[][][] c110 = ClebschGordan.coefficients(1, 1, 0);
    private final double[][][] c011 = ClebschGordan.coefficients(0, 1, 1);
    private final double[][][] c112;
    private final Block scalarMix;
    private final Block gates;

    private TensorProductModel(boolean perturbed) {
        double[][][] c = ClebschGordan.coefficients(1, 1, 2);
        if (perturbed) {
            c[0][2][0] += 0.3;
        }
        this.c112 = c;
        this.scalarMix = addChildBlock("scalarMix", Linear.builder().setUnits(2).build());
        this.gates = addChildBlock("gates", Linear.builder().setUnits(2).build());
    }

    /** The equivariant layer. */
    public static Block build() {
        return new TensorProductModel(false);
    }

    /** The broken twin: one coefficient of the 1o x 1o -> 2e coupling changed by 0.3. */
    public static Block withPerturbedCoupling() {
        return new TensorProductModel(true);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape prefix = inputShapes[0].slice(0, inputShapes[0].dimension() - 1);
        scalarMix.initialize(manager, dataType, prefix.addAll(new Shape(7)));
        gates.initialize(manager, dataType, prefix.addAll(new Shape(4)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray s = x.get("..., 0:4");
        NDArray v1 = x.get("..., 4:7");
        NDArray v2 = x.get("..., 7:10");

        NDArray invariants = NDArrays.concat(new NDList(s, couple(v1, v1, c110), couple(v1, v2, c110),
                couple(v2, v2, c110)), -1);
        NDArray scalars = scalarMix.forward(store, new NDList(invariants), training).singletonOrThrow().tanh();

        NDArray g = gates.forward(store, new NDList(s), training).singletonOrThrow();
        NDArray vector = couple(g.get("..., 0:1"), v1, c011).add(couple(g.get("..., 1:2"), v2, c011));

        NDArray degree2 = couple(v1, v1, c112).mul(PATH_WEIGHTS[0])
                .add(couple(v1, v2, c112).mul(PATH_WEIGHTS[1]))
                .add(couple(v2, v2, c112).mul(PATH_WEIGHTS[2]));
        return new NDList(NDArrays.concat(new NDList(scalars, vector, degree2), -1));
    }

    /** {@code out_k = sum_ij c[i][j][k] a_i b_j} over the last axes of a and b. */
    static NDArray couple(NDArray a, NDArray b, double[][][] c) {
        int n1 = c.length;
        int n2 = c[0].length;
        int n3 = c[0][0].length;
        double[] flat = new double[n1 * n2 * n3];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                for (int k = 0; k < n3; k++) {
                    flat[(i * n2 + j) * n3 + k] = c[i][j][k];
                }
            }
        }
        NDArray matrix = a.getManager().create(flat, new Shape(n1 * n2, n3)).toType(a.getDataType(), false);
        NDArray outer = a.expandDims(-1).mul(b.expandDims(-2));               // (..., n1, n2)
        Shape prefix = outer.getShape().slice(0, outer.getShape().dimension() - 2);
        return outer.reshape(prefix.addAll(new Shape(n1 * n2))).matMul(matrix);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].slice(0, inputShapes[0].dimension() - 1).addAll(new Shape(10))};
    }
}
