package dev.equivariance.backend.nd4j;

import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DifferentiableModel;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A SameDiff graph described for an audit: which placeholders are the model's inputs and which variables its
 * outputs, in order.
 * <pre>
 *   SameDiffModel model = SameDiffModel.of(sd).inputs("x").outputs("y");
 *   Audit.of(model).group("SO(3)").input("vector", 4, 10, 3).output("vector").run();
 * </pre>
 * A graph with exactly one placeholder and one output (the only variable computed from it that feeds no other op)
 * needs no names: {@code SameDiffModel.of(sd)}, or pass the {@code SameDiff} itself to {@code Audit.of}.
 *
 * <p>Layers are the ops whose outputs depend on the inputs, in execution order (named after their output
 * variables), or the variables named with {@link #layers}. Gradients flow through a copy of the graph with the loss
 * appended; the float64 twin is a copy whose variables, constants and placeholders are converted to float64. The
 * user's graph is never modified.
 */
public final class SameDiffModel implements AuditedModel {

    private final SameDiff graph;
    private final Nd4jBackend backend;
    private final boolean ownsBackend;
    private List<String> inputs;
    private List<String> outputs;
    private List<String> layers;
    private String name = "SameDiff";
    private SameDiffModel float64;
    private SameDiffGradients gradients;

    private SameDiffModel(SameDiff graph, Nd4jBackend backend, boolean ownsBackend) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.backend = backend;
        this.ownsBackend = ownsBackend;
        backend.sessions().track(graph);
    }

    /** Describes a graph; name its inputs and outputs unless it has one placeholder and one obvious output. */
    public static SameDiffModel of(SameDiff graph) {
        return new SameDiffModel(graph, new Nd4jBackend(), true);
    }

    /** The placeholders that are the model's inputs, in the order the audit declares its inputs. */
    public SameDiffModel inputs(String... placeholders) {
        List<String> names = List.of(placeholders);
        GraphSignature.checkInputs(graph, names);
        this.inputs = names;
        return this;
    }

    /** The variables that are the model's outputs, in the order the audit declares its output actions. */
    public SameDiffModel outputs(String... variables) {
        List<String> names = List.of(variables);
        GraphSignature.checkVariables(graph, names, "outputs");
        this.outputs = names;
        return this;
    }

    /** The activations the layer-wise audit examines, in network order (default: every op computed from the inputs). */
    public SameDiffModel layers(String... variables) {
        List<String> names = List.of(variables);
        GraphSignature.checkVariables(graph, names, "layers");
        this.layers = names;
        return this;
    }

    /** The name reports show (default {@code SameDiff}). */
    public SameDiffModel named(String modelName) {
        this.name = Objects.requireNonNull(modelName, "name");
        return this;
    }

    /** The graph this describes. */
    public SameDiff graph() {
        return graph;
    }

    /** The input placeholders (named or inferred). */
    public List<String> inputNames() {
        if (inputs == null) {
            inputs = GraphSignature.inferInputs(graph);
        }
        return inputs;
    }

    /** The output variables (named or inferred). */
    public List<String> outputNames() {
        if (outputs == null) {
            outputs = GraphSignature.inferOutputs(graph, inputNames());
        }
        return outputs;
    }

    /** The variables named as layers, or null for the default (ops computed from the inputs). */
    List<String> layerNames() {
        return layers;
    }

    Nd4jBackend nd4jBackend() {
        return backend;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TensorBackend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        DataType t = graph.getVariable(inputNames().get(0)).dataType();
        DType d = Nd4jTypes.fromNd4j(t);
        if (d == null || d.isInteger()) {
            throw new IllegalArgumentException("Input placeholder '" + inputNames().get(0) + "' has type " + t
                    + "; the audit feeds floating-point inputs");
        }
        return d;
    }

    /** The graph: SameDiff keeps sessions and variable arrays per graph, so audits of one graph take turns. */
    @Override
    public Object sharedState() {
        return graph;
    }

    @Override
    public String kind() {
        return "SameDiff graph";
    }

    /** The placeholder values for a forward pass, checked against the declared inputs. */
    Map<String, INDArray> feed(List<Tensor> values) {
        List<String> names = inputNames();
        if (values.size() != names.size()) {
            throw new IllegalArgumentException("The SameDiff model has " + names.size() + " input placeholder(s) "
                    + names + " but the audit gives " + values.size() + " input(s); declare one input per placeholder");
        }
        Map<String, INDArray> feed = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            feed.put(names.get(i), Nd4jBackend.unwrap(values.get(i)));
        }
        return feed;
    }

    /** Runs the graph and copies the named variables into the current scope, in order. */
    List<Tensor> fetch(List<Tensor> values, List<String> names) {
        Map<String, INDArray> out = graph.output(feed(values), names.toArray(new String[0]));
        List<Tensor> result = new ArrayList<>(names.size());
        for (String n : names) {
            INDArray a = out.get(n);
            if (a == null) {
                throw new IllegalStateException("SameDiff returned no value for variable '" + n + "'");
            }
            result.add(backend.copyOf(a));
        }
        return result;
    }

    @Override
    public List<Tensor> forward(List<Tensor> values) {
        return fetch(values, outputNames());
    }

    @Override
    public Optional<LayeredModel> layered() {
        return SameDiffLayers.of(this);
    }

    @Override
    public Optional<DifferentiableModel> differentiable() {
        if (gradients == null) {
            gradients = new SameDiffGradients(this);
        }
        return Optional.of(gradients);
    }

    /** The graph computing in float64: a converted copy (see {@link GraphPrecision}), made once. */
    @Override
    public Optional<AuditedModel> float64() {
        if (dtype() == DType.FLOAT64) {
            return Optional.of(this);
        }
        if (float64 == null) {
            float64 = convertedTo(DType.FLOAT64);
        }
        return Optional.of(float64);
    }

    /** A copy of this model computing in {@code dtype}, sharing this model's backend; the copy needs no closing. */
    SameDiffModel convertedTo(DType dtype) {
        return copyIn(dtype, backend, false);
    }

    /** A copy of this model computing in {@code dtype}, with a backend of its own (closed with the copy). */
    SameDiffModel standaloneIn(DType dtype) {
        return copyIn(dtype, new Nd4jBackend(), true);
    }

    private SameDiffModel copyIn(DType dtype, Nd4jBackend on, boolean owns) {
        SameDiffModel twin = new SameDiffModel(GraphPrecision.copyIn(graph, Nd4jTypes.toNd4j(dtype)), on, owns);
        twin.inputs = inputNames();
        twin.outputs = outputNames();
        twin.layers = layers;
        twin.name = name + " (" + dtype + ")";
        return twin;
    }

    /** Frees the audit's arrays; the graph stays the user's. */
    @Override
    public void close() {
        if (ownsBackend) {
            backend.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
