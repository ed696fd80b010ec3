package dev.equivariance.backend.nd4j;

import dev.equivariance.tensor.DifferentiableModel;
import dev.equivariance.tensor.Gradients;
import dev.equivariance.tensor.Loss;
import dev.equivariance.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Input and parameter gradients of a SameDiff model. The loss is built into a copy of the graph (its outputs seen
 * as {@link SymbolicTensor}s), and the gradient function is created with the input placeholders named as variables
 * requiring gradients: without that, SameDiff differentiates only with respect to trainable variables and refuses a
 * graph that has none on the path to the loss. The copy is rebuilt when the loss or the input shapes change.
 */
final class SameDiffGradients implements DifferentiableModel {

    private final SameDiffModel model;
    /** Loss graphs by loss and input shapes (the last two: a gradient audit alternates x and the stacked g x). */
    private final LinkedHashMap<Key, Built> built = new LinkedHashMap<>(8, 0.75f, true);
    private static final int KEPT = 2;

    /** The loss and input shapes a loss graph was built for. */
    private record Key(Loss loss, List<List<Long>> shapes) {
        static Key of(Loss loss, List<long[]> shapes) {
            return new Key(loss, shapes.stream().map(s -> Arrays.stream(s).boxed().toList()).toList());
        }
    }

    /** A copy of the model's graph with the loss of its outputs appended, ready to differentiate. */
    private record Built(SameDiff graph, String lossName) {
    }

    SameDiffGradients(SameDiffModel model) {
        this.model = model;
    }

    @Override
    public Gradients gradients(List<Tensor> inputs, Loss loss) {
        Map<String, INDArray> feed = model.feed(inputs);
        List<long[]> shapes = inputs.stream().map(Tensor::shape).toList();
        Key key = Key.of(loss, shapes);
        Built b = built.get(key);
        if (b == null) {
            b = build(feed, loss);
            built.put(key, b);
            model.nd4jBackend().sessions().track(b.graph());
            if (built.size() > KEPT) {
                Key eldest = built.keySet().iterator().next();
                model.nd4jBackend().sessions().forget(built.remove(eldest).graph());
            }
        }
        SameDiff lossGraph = b.graph();
        String lossName = b.lossName();
        List<String> wanted = new ArrayList<>(model.inputNames());
        List<String> parameters = GraphSignature.parameters(model.graph());
        wanted.addAll(parameters);
        OutAndGrad result;
        try {
            result = lossGraph.calculateGradientsAndOutputs(feed, List.of(lossName), wanted);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("SameDiff cannot differentiate the loss of " + model.name() + ": "
                    + e.getMessage(), e);
        }
        Nd4jBackend backend = model.nd4jBackend();
        INDArray lossOutput = result.getOutputs().get(lossName);
        INDArray l = lossOutput.castTo(DataType.DOUBLE);
        double lossValue = l.sumNumber().doubleValue();
        if (l != lossOutput) {
            l.close(); // a cast copy of ours; the loss output itself belongs to SameDiff
        }
        Map<String, INDArray> grads = result.getGradients();
        List<Tensor> inputGrads = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            INDArray g = grads.get(model.inputNames().get(i));
            INDArray x = Nd4jBackend.unwrap(inputs.get(i));
            inputGrads.add(g == null ? backend.own(Nd4j.zeros(x.dataType(), x.shape())) : backend.copyOf(g));
        }
        Map<String, Tensor> paramGrads = new LinkedHashMap<>();
        for (String p : parameters) {
            INDArray g = grads.get(p);
            if (g != null) {
                paramGrads.put(p, backend.copyOf(g));
            }
        }
        return new Gradients(lossValue, inputGrads, paramGrads);
    }

    /** Copies the graph and appends the loss of its outputs. */
    private Built build(Map<String, INDArray> feed, Loss loss) {
        SameDiff copy = model.graph().dup();
        List<String> outputs = model.outputNames();
        Map<String, INDArray> values = copy.output(feed, outputs.toArray(new String[0]));
        List<Tensor> symbolic = new ArrayList<>();
        for (String o : outputs) {
            symbolic.add(new SymbolicTensor(model.nd4jBackend(), copy.getVariable(o), values.get(o).shape()));
        }
        Tensor l = loss.apply(symbolic);
        if (!(l instanceof SymbolicTensor s) || s.variable().getSameDiff() != copy) {
            throw new IllegalArgumentException("The loss must be computed from the outputs it is given with tensor "
                    + "operations (multiply, sum, add, ...); got " + l);
        }
        SDVariable lossVariable = s.rank() == 0 ? s.variable() : copy.sum(s.variable());
        copy.setLossVariables(lossVariable);
        copy.createGradFunction(model.inputNames().toArray(new String[0]));
        return new Built(copy, lossVariable.name());
    }
}
