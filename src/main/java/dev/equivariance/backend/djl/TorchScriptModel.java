package dev.equivariance.backend.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Layer;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A TorchScript module (a {@code .pt} file) loaded through DJL's PyTorch engine, audited end to end, layer by layer
 * when the module exports an {@code intermediates} method (the activation after each top-level child, as
 * {@code List[Tensor]}; names from an exported {@code layer_names} method or {@link #layerNames}), and through
 * gradients. Runs in eval mode unless {@link #inTrainingMode()} is asked for; the mode is set here only.
 */
public final class TorchScriptModel extends DjlModel {

    private final Path file;
    private final Model model;
    private final PtSymbolBlock module;
    private String intermediatesMethod = "intermediates";
    private List<String> layerNames;
    private boolean training;
    private boolean modeSet;

    TorchScriptModel(Path file, Model model, DjlBackend backend, DType dtype) {
        super(file.getFileName().toString(), model.getBlock(), backend, dtype, false);
        this.file = file;
        this.model = model;
        this.module = (PtSymbolBlock) model.getBlock();
    }

    /** The same module loaded again on another device, with the same mode and layer settings (the caller closes it). */
    TorchScriptModel loadedOn(Device device) {
        TorchScriptModel copy = TorchScript.load(file, device);
        copy.intermediatesMethod = intermediatesMethod;
        copy.layerNames = layerNames;
        copy.training = training;
        return copy;
    }

    /** Audits the module in training mode (dropout on, batch statistics from the batch). */
    public TorchScriptModel inTrainingMode() {
        this.training = true;
        this.modeSet = false;
        return this;
    }

    /** The exported method that returns the activation after each layer (default {@code intermediates}). */
    public TorchScriptModel intermediatesMethod(String method) {
        this.intermediatesMethod = method;
        return this;
    }

    /** Names for the layers the intermediates method returns (default: an exported {@code layer_names}). */
    public TorchScriptModel layerNames(String... names) {
        this.layerNames = List.of(names);
        return this;
    }

    @Override
    boolean training() {
        return training;
    }

    @Override
    public Optional<Boolean> normalisesOverBatch() {
        return Optional.of(ArchiveText.contains(file, "torch.nn.modules.batchnorm.")
                || ArchiveText.contains(file, "batch_norm("));
    }

    @Override
    public String mode() {
        return training ? "training" : "eval";
    }

    @Override
    public String kind() {
        return "TorchScript module";
    }

    private void setMode() {
        if (!modeSet) {
            if (training) {
                JniUtils.enableTrainingMode(module);
            } else {
                JniUtils.enableInferenceMode(module);
            }
            modeSet = true;
        }
    }

    @Override
    NDList runBlock(NDList in) {
        setMode();
        return IValueUtils.forward(module, in, false);
    }

    @Override
    NDList runForGradients(NDList in) {
        setMode();
        return IValueUtils.forward(module, in, true);
    }

    /** The exported methods of the module. */
    List<String> methods() {
        return Arrays.asList(JniUtils.getMethodNames(module));
    }

    @Override
    public Optional<LayeredModel> layered() {
        if (!methods().contains(intermediatesMethod)) {
            return Optional.empty();
        }
        return Optional.of(new Layers());
    }

    @Override
    public Optional<AuditedModel> float64() {
        return Optional.empty();
    }

    @Override
    public void close() {
        super.close();
        model.close();
    }

    /** The layers seen through the intermediates method; they cannot run one by one. */
    private final class Layers implements LayeredModel {
        private List<Layer> layers;

        @Override
        public List<Layer> layers() {
            if (layers == null) {
                throw new IllegalStateException("The layers are known after the first activations call");
            }
            return layers;
        }

        @Override
        public List<Tensor> activations(List<Tensor> inputs) {
            NDList in = new NDList();
            for (Tensor t : inputs) {
                in.add(DjlBackend.unwrap(t));
            }
            NDArray marker = djlBackend().current().create(new float[] {0});
            marker.setName("module_method:" + intermediatesMethod);
            in.add(marker);
            setMode();
            NDList out = IValueUtils.forward(module, in, false);
            marker.close();
            List<Tensor> result = new ArrayList<>();
            for (NDArray o : out) {
                result.add(adopt(o, inputs));
            }
            if (layers == null) {
                List<String> names = names(out.size());
                layers = new ArrayList<>();
                for (String n : names) {
                    layers.add(new Layer(n, "TorchScript", false));
                }
            }
            return result;
        }

        private List<String> names(int count) {
            List<String> names = layerNames;
            if (names == null && methods().contains("layer_names")) {
                try (IValue v = IValueUtils.runMethod(module, "layer_names")) {
                    names = new ArrayList<>();
                    for (IValue s : v.toIValueArray()) {
                        names.add(s.toStringValue());
                        s.close();
                    }
                }
            }
            if (names == null || names.size() != count) {
                names = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    names.add("layer" + i);
                }
            }
            return names;
        }

        @Override
        public Optional<Tensor> runLayer(int index, Tensor input) {
            return Optional.empty();
        }

        @Override
        public boolean runsLayersAlone() {
            return false;
        }
    }
}
