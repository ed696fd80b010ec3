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
    private Optional<TorchScriptArchive> archive;
    private Optional<TorchScriptModel> alone;
    private Layers layersView;
    private Path float64File;
    /** Whether the archive's code uses batch norm, read once. */
    private Boolean batchNorm;
    private TorchScriptModel float64Twin;

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

    /**
     * The same module saved in float64 ({@code model.double()} then {@code torch.jit.save}), for the float64 rerun
     * that tells round-off from a bug: the precision and discretisation diagnoses and the float64 cross-check of
     * gradients use it. A TorchScript module cannot be cast once scripted, so the twin is a second file.
     *
     * @throws IllegalArgumentException when the file does not exist
     */
    public TorchScriptModel withFloat64(Path twin) {
        if (twin == null || !java.nio.file.Files.isRegularFile(twin)) {
            throw new IllegalArgumentException("No float64 twin at " + twin + ": save the module in float64 with "
                    + "torch.jit.save(torch.jit.script(model.double()), path) and pass that file");
        }
        this.float64File = twin;
        return this;
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
        this.layersView = null;
        return this;
    }

    /** Names for the layers the intermediates method returns (default: an exported {@code layer_names}). */
    public TorchScriptModel layerNames(String... names) {
        this.layerNames = List.of(names);
        this.layersView = null;
        return this;
    }

    @Override
    boolean training() {
        return training;
    }

    @Override
    public Optional<Boolean> normalisesOverBatch() {
        if (batchNorm == null) {
            batchNorm = ArchiveText.contains(file, "torch.nn.modules.batchnorm.")
                    || ArchiveText.contains(file, "batch_norm(");
        }
        return Optional.of(batchNorm);
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
        if (layersView == null) {
            layersView = new Layers();
        }
        return Optional.of(layersView);
    }

    @Override
    public Optional<AuditedModel> float64() {
        if (float64File == null || dtype() == DType.FLOAT64) {
            return Optional.empty();
        }
        if (float64Twin == null) {
            TorchScriptModel twin = TorchScript.load(float64File, djlBackend().deviceObject());
            if (twin.dtype() != DType.FLOAT64) {
                twin.close();
                throw new IllegalArgumentException("The float64 twin " + float64File + " computes in " + twin.dtype()
                        + "; save it with model.double()");
            }
            twin.intermediatesMethod = intermediatesMethod;
            twin.layerNames = layerNames;
            twin.training = training;
            float64Twin = twin;
        }
        return Optional.of(float64Twin);
    }

    @Override
    public void close() {
        if (float64Twin != null) {
            float64Twin.close();
        }
        if (alone != null) {
            alone.ifPresent(TorchScriptModel::close);
        }
        super.close();
        model.close();
    }

    /** The module's archive as read from its file (children and their types), or empty when it cannot be read. */
    Optional<TorchScriptArchive> archive() {
        if (archive == null) {
            archive = TorchScriptArchive.read(file);
        }
        return archive;
    }

    /** Runs an exported method of the module (in this model's mode, without gradients). */
    NDList runMethod(String method, NDList in) {
        NDArray marker = djlBackend().current().create(new float[] {0});
        marker.setName("module_method:" + method);
        NDList withMarker = new NDList(in);
        withMarker.add(marker);
        setMode();
        try {
            return IValueUtils.forward(module, withMarker, false);
        } finally {
            marker.close();
        }
    }

    /**
     * A second copy of the module whose top class has one method per child layer that runs that child alone
     * ({@link TorchScriptArchive#withLayerMethods}), loaded on first use; empty when the archive cannot be rewritten
     * or the copy does not load.
     */
    private Optional<TorchScriptModel> alone(List<String> names) {
        if (alone == null) {
            alone = Optional.empty();
            Optional<TorchScriptArchive> a = archive();
            if (a.isPresent()) {
                Path dir = null;
                Path copy = null;
                try {
                    dir = java.nio.file.Files.createTempDirectory("equivariance-torchscript");
                    copy = a.get().withLayerMethods(names, dir).orElse(null);
                    if (copy != null) {
                        TorchScriptModel m = TorchScript.load(copy, djlBackend().deviceObject());
                        m.training = training;
                        alone = Optional.of(m);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    alone = Optional.empty();
                } finally {
                    try {
                        if (copy != null) {
                            java.nio.file.Files.deleteIfExists(copy);
                        }
                        if (dir != null) {
                            java.nio.file.Files.deleteIfExists(dir);
                        }
                    } catch (java.io.IOException ignored) {
                        // a temporary file left behind is harmless
                    }
                }
            }
        }
        return alone;
    }

    /**
     * The layers seen through the intermediates method. Their kinds come from the archive: a layer whose name is a
     * child of the top module (or, without names, the i-th child when there are as many children as activations)
     * has that child's type. A child whose forward maps one tensor to one runs alone, through a copy of the module
     * with a method per child, once it is confirmed that it computes its activation from the activation before it
     * (so it is really the next step of a chain).
     */
    private final class Layers implements LayeredModel {
        private List<Layer> layers;
        private List<String> childNames;
        private Boolean[] chained;
        private List<Tensor> lastInputs;
        private List<Tensor> lastOutputs;

        /**
         * The layers; known from the start when the module names them (an exported {@code layer_names} or
         * {@link #layerNames}), otherwise after the first {@link #activations} call.
         */
        @Override
        public List<Layer> layers() {
            if (layers == null) {
                List<String> names = declaredNames();
                if (names == null) {
                    throw new IllegalStateException("The layers are known after the first activations call");
                }
                describe(names);
            }
            return layers;
        }

        private void describe(List<String> names) {
            childNames = children(names);
            chained = new Boolean[names.size()];
            List<Layer> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String child = childNames.get(i);
                Optional<TorchScriptArchive.Child> c = child == null ? Optional.empty()
                        : archive().flatMap(a -> a.child(child));
                out.add(c.isEmpty() ? new Layer(names.get(i), "TorchScript", false)
                        : new Layer(names.get(i), c.get().kind(), c.get().activation(), c.get().batchNorm(),
                                c.get().padding()));
            }
            layers = out;
        }

        @Override
        public List<Tensor> activations(List<Tensor> inputs) {
            NDList in = new NDList();
            for (Tensor t : inputs) {
                in.add(DjlBackend.unwrap(t));
            }
            NDList out = runMethod(intermediatesMethod, in);
            List<Tensor> result = new ArrayList<>();
            for (NDArray o : out) {
                result.add(adopt(o, inputs));
            }
            if (layers == null || layers.size() != out.size()) {
                describe(names(out.size()));
            }
            lastInputs = inputs;
            lastOutputs = result;
            return result;
        }

        /** For each layer name, the child of the top module it is (by name or path, else by position), or null. */
        private List<String> children(List<String> names) {
            List<String> out = new ArrayList<>();
            Optional<TorchScriptArchive> a = archive();
            List<TorchScriptArchive.Child> all = a.map(TorchScriptArchive::children).orElse(List.of());
            boolean byName = a.isPresent() && names.stream().anyMatch(n -> a.get().child(n).isPresent());
            for (int i = 0; i < names.size(); i++) {
                if (byName) {
                    out.add(a.get().child(names.get(i)).isPresent() ? names.get(i) : null);
                } else {
                    out.add(all.size() == names.size() ? all.get(i).name() : null);
                }
            }
            return out;
        }

        private List<String> names(int count) {
            List<String> names = declaredNames();
            if (names == null || names.size() != count) {
                names = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    names.add("layer" + i);
                }
            }
            return names;
        }

        /** The names given with {@link #layerNames} or by an exported {@code layer_names} method, or null. */
        private List<String> declaredNames() {
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
            return names;
        }

        @Override
        public Optional<Tensor> runLayer(int index, Tensor input) {
            if (layers == null || index >= childNames.size() || childNames.get(index) == null) {
                return Optional.empty();
            }
            Optional<TorchScriptModel> copy = alone(childNames);
            if (copy.isEmpty() || !copy.get().methods().contains(TorchScriptArchive.LAYER_METHOD + index)) {
                return Optional.empty();
            }
            if (chained[index] == null) {
                chained[index] = chains(copy.get(), index);
            }
            return chained[index] ? Optional.of(runChild(copy.get(), index, input)) : Optional.empty();
        }

        /**
         * Whether the child computes the activation after it from the activation before it (the input for the
         * first layer), checked on the last activations computed.
         */
        private boolean chains(TorchScriptModel copy, int index) {
            if (lastOutputs == null || index == 0 && lastInputs.size() != 1) {
                return false;
            }
            Tensor before = index == 0 ? lastInputs.get(0) : lastOutputs.get(index - 1);
            try {
                Tensor y = runChild(copy, index, before);
                Tensor expected = lastOutputs.get(index);
                if (!java.util.Arrays.equals(y.shape(), expected.shape())) {
                    return false;
                }
                double norm = expected.sumOfSquares();
                double diff = y.subtract(expected).sumOfSquares();
                return diff <= 1e-8 * norm;
            } catch (RuntimeException e) {
                return false;
            }
        }

        private Tensor runChild(TorchScriptModel copy, int index, Tensor input) {
            NDList out = copy.runMethod(TorchScriptArchive.LAYER_METHOD + index, new NDList(DjlBackend.unwrap(input)));
            return adopt(out.get(0), List.of(input));
        }

        @Override
        public boolean runsLayersAlone() {
            Optional<TorchScriptArchive> a = archive();
            if (a.isEmpty()) {
                return false;
            }
            List<String> names = declaredNames();
            if (names == null) {
                return a.get().children().stream().anyMatch(TorchScriptArchive.Child::tensorToTensor);
            }
            return names.stream().anyMatch(n -> a.get().child(n).map(TorchScriptArchive.Child::tensorToTensor)
                    .orElse(false));
        }
    }
}
