package dev.equivariance.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.ScalarOp;

/**
 * Makes a copy of a SameDiff graph that computes in another floating-point type: every floating-point variable,
 * constant and placeholder of the copy is converted (arrays cast), then the element types of the op outputs are
 * recomputed in execution order, and the constants that scalar ops carry ({@code relu}'s cutoff, {@code mul(2)}'s
 * factor) are cast too. The user's graph is not touched ({@code SameDiff.dup} copies through flat buffers).
 *
 * <p>SameDiff's own {@code convertDataTypes} propagates types in an order that leaves mixed-type ops behind (an
 * {@code add} of a converted constant and a not-yet-converted activation keeps float32), so the propagation is
 * redone here over {@code getOps()}, which lists ops in the order they were added (an execution order). Ops that
 * create values of a fixed type of their own ({@code castTo(FLOAT)}, {@code range(..., FLOAT)}, random ops with a
 * type argument) keep that type: values passing through them are still rounded to float32 (ND4J does not complain),
 * so a graph built with them is only partly converted.
 */
final class GraphPrecision {

    private GraphPrecision() {
    }

    /** A copy of {@code graph} computing in {@code type}. */
    static SameDiff copyIn(SameDiff graph, DataType type) {
        SameDiff copy = graph.dup();
        for (SDVariable v : new ArrayList<>(copy.variables())) {
            if (v.getVariableType() == VariableType.ARRAY || !v.dataType().isFPType() || v.dataType() == type) {
                continue;
            }
            INDArray arr = v.getVariableType() == VariableType.PLACEHOLDER ? null : v.getArr();
            v.setDataType(type);
            if (arr != null) {
                copy.setArrayForVariable(v.name(), arr.castTo(type));
            }
        }
        for (SameDiffOp op : copy.getOps().values()) {
            if (op.getOp() instanceof ScalarOp scalarOp) {
                INDArray scalar = scalarOp.scalar();
                if (scalar != null && scalar.dataType().isFPType() && scalar.dataType() != type) {
                    scalarOp.setScalar(scalar.castTo(type));
                }
            }
            List<DataType> in = new ArrayList<>();
            if (op.getInputsToOp() != null) {
                for (String name : op.getInputsToOp()) {
                    in.add(copy.getVariable(name).dataType());
                }
            }
            List<DataType> out;
            try {
                out = op.getOp().calculateOutputDataTypes(in);
            } catch (RuntimeException e) {
                out = null;
            }
            List<String> outputs = op.getOutputsOfOp();
            for (int i = 0; outputs != null && i < outputs.size(); i++) {
                SDVariable v = copy.getVariable(outputs.get(i));
                if (!v.dataType().isFPType()) {
                    continue;
                }
                if (out != null && i < out.size() && out.get(i) != null && out.get(i).isFPType()) {
                    v.setDataType(out.get(i));
                } else if (in.contains(type)) {
                    v.setDataType(type);
                }
            }
        }
        return copy;
    }
}
