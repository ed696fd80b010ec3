package dev.equivariance.backend.nd4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;

/**
 * What a SameDiff graph offers an audit: its placeholders, the variables computed from them (in execution order),
 * its trainable parameters, and the inference of inputs and outputs for a graph that does not name them.
 */
final class GraphSignature {

    private GraphSignature() {
    }

    /** The placeholders, in name order (SameDiff keeps its variables sorted by name). */
    static List<String> placeholders(SameDiff graph) {
        List<String> out = new ArrayList<>();
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() == VariableType.PLACEHOLDER) {
                out.add(v.name());
            }
        }
        return out;
    }

    /** The trainable parameters (floating-point VARIABLE-type variables), in name order. */
    static List<String> parameters(SameDiff graph) {
        List<String> out = new ArrayList<>();
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && v.dataType().isFPType()) {
                out.add(v.name());
            }
        }
        return out;
    }

    /** The ops whose outputs depend on the given placeholders, in execution order. */
    static List<SameDiffOp> opsDependingOn(SameDiff graph, Collection<String> inputs) {
        Set<String> dependent = new LinkedHashSet<>(inputs);
        List<SameDiffOp> ops = new ArrayList<>();
        for (SameDiffOp op : graph.getOps().values()) {
            List<String> in = op.getInputsToOp();
            if (in != null && in.stream().anyMatch(dependent::contains)) {
                ops.add(op);
                if (op.getOutputsOfOp() != null) {
                    dependent.addAll(op.getOutputsOfOp());
                }
            }
        }
        return ops;
    }

    /** The first floating-point output of an op, or null. */
    static String firstFloatingOutput(SameDiff graph, SameDiffOp op) {
        if (op.getOutputsOfOp() == null) {
            return null;
        }
        for (String name : op.getOutputsOfOp()) {
            if (graph.getVariable(name).dataType().isFPType()) {
                return name;
            }
        }
        return null;
    }

    /** The input of a graph with exactly one placeholder. */
    static List<String> inferInputs(SameDiff graph) {
        List<String> placeholders = placeholders(graph);
        if (placeholders.size() != 1) {
            throw new IllegalArgumentException("Cannot tell the inputs of this SameDiff graph: it has "
                    + placeholders.size() + " placeholders " + placeholders + ". Name them: " + usage(graph));
        }
        return placeholders;
    }

    /**
     * The output of a graph with one obvious output: the only floating-point variable computed from the inputs that
     * feeds no op.
     */
    static List<String> inferOutputs(SameDiff graph, List<String> inputs) {
        List<String> leaves = new ArrayList<>();
        for (SameDiffOp op : opsDependingOn(graph, inputs)) {
            for (String name : op.getOutputsOfOp()) {
                Variable v = graph.getVariables().get(name);
                boolean feedsNothing = v.getInputsForOp() == null || v.getInputsForOp().isEmpty();
                if (feedsNothing && graph.getVariable(name).dataType().isFPType()) {
                    leaves.add(name);
                }
            }
        }
        if (leaves.size() != 1) {
            throw new IllegalArgumentException("Cannot tell the output of this SameDiff graph: "
                    + (leaves.isEmpty() ? "no floating-point variable computed from " + inputs + " is left unused"
                    : leaves.size() + " variables computed from " + inputs + " feed no other op " + leaves)
                    + ". Name it: " + usage(graph));
        }
        return leaves;
    }

    /** How to describe the graph, with its own names. */
    static String usage(SameDiff graph) {
        List<String> placeholders = placeholders(graph);
        String in = placeholders.isEmpty() ? "x" : placeholders.get(0);
        return "SameDiffModel.of(sd).inputs(\"" + in + "\").outputs(\"<output variable>\") (placeholders: "
                + placeholders + ")";
    }

    /** Checks that every name is a placeholder of the graph. */
    static void checkInputs(SameDiff graph, List<String> names) {
        List<String> placeholders = placeholders(graph);
        for (String n : names) {
            if (!placeholders.contains(n)) {
                throw new IllegalArgumentException("'" + n + "' is not a placeholder of the SameDiff graph; its "
                        + "placeholders are " + placeholders + (graph.hasVariable(n) ? " ('" + n + "' is a "
                        + graph.getVariable(n).getVariableType() + " variable: declare inputs with sd.placeHolder)"
                        : ""));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Name at least one input placeholder");
        }
    }

    /** Checks that every name is a variable of the graph. */
    static void checkVariables(SameDiff graph, List<String> names, String what) {
        for (String n : names) {
            if (!graph.hasVariable(n)) {
                List<String> some = graph.variables().stream().map(SDVariable::name).limit(30).toList();
                throw new IllegalArgumentException("No variable '" + n + "' in the SameDiff graph for the " + what
                        + "; its variables include " + some);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Name at least one variable for the " + what);
        }
    }
}
