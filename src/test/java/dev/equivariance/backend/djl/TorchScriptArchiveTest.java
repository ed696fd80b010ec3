package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.LayerResult;
import dev.equivariance.tensor.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer metadata read from TorchScript archives: children, their types, activations, batch norm, padding. */
class TorchScriptArchiveTest {

    static final Path FIXTURES = TorchScriptAuditTest.FIXTURES;

    private static TorchScriptArchive read(String file) {
        return TorchScriptArchive.read(FIXTURES.resolve(file)).orElseThrow();
    }

    @Test
    void theTopModulesChildrenAreReadWithTheirTypesWithoutMangling() {
        TorchScriptArchive a = read("vector_net_biased_mix.pt");
        assertThat(a.topType()).isEqualTo("__torch__.___torch_mangle_1.VectorNet");
        assertThat(a.children()).extracting(TorchScriptArchive.Child::name).containsExactly("gate1", "mix", "gate2");
        assertThat(a.children()).extracting(TorchScriptArchive.Child::kind).containsExactly("Gate", "BiasedMix", "Gate");
        assertThat(a.children()).allSatisfy(c -> {
            assertThat(c.activation()).isFalse();
            assertThat(c.tensorToTensor()).isTrue();
        });
    }

    @Test
    void activationsOfTorchNnArePointwiseNonlinearities() {
        TorchScriptArchive a = read("egnn_relu.pt");
        assertThat(a.child("relu")).hasValueSatisfying(c -> {
            assertThat(c.type()).isEqualTo("__torch__.torch.nn.modules.activation.ReLU");
            assertThat(c.kind()).isEqualTo("ReLU");
            assertThat(c.activation()).isTrue();
        });
        assertThat(a.child("egnn1")).hasValueSatisfying(c -> assertThat(c.activation()).isFalse());
    }

    @Test
    void convolutionsTellTheirPaddingMode() {
        assertThat(read("cnn_zero_padding.pt").child("conv1")).hasValueSatisfying(c -> {
            assertThat(c.kind()).isEqualTo("Conv2d");
            assertThat(c.padding()).isEqualTo("zeros");
        });
        assertThat(read("cnn_circular_padding.pt").child("conv2"))
                .hasValueSatisfying(c -> assertThat(c.padding()).isEqualTo("circular"));
        assertThat(read("cnn_zero_padding.pt").child("head"))
                .hasValueSatisfying(c -> assertThat(c.padding()).isNull());
    }

    @Test
    void batchNormIsFlagged() {
        TorchScriptArchive a = read("set_batch_norm.pt");
        assertThat(a.child("norm")).hasValueSatisfying(c -> {
            assertThat(c.kind()).isEqualTo("BatchNorm1d");
            assertThat(c.batchNorm()).isTrue();
        });
        assertThat(a.children().stream().filter(TorchScriptArchive.Child::batchNorm)).hasSize(1);
    }

    @Test
    void dottedNamesReachChildrenOfContainers() {
        TorchScriptArchive a = read("residual_set_40.pt");
        assertThat(a.child("blocks.7")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("blocks.7");
            assertThat(c.kind()).isEqualTo("ResidualSetBlock");
            assertThat(c.tensorToTensor()).isTrue();
        });
        assertThat(a.child("blocks.40")).isEmpty();
    }

    @Test
    void childrenWithoutOneTensorInAndOut_getNoMethodToRunAlone(@TempDir Path dir) throws IOException {
        TorchScriptArchive a = read("straight_through.pt");
        assertThat(a.children()).extracting(TorchScriptArchive.Child::name).containsExactly("phi", "rho", "h");
        assertThat(a.withLayerMethods(List.of("pool", "readout"), dir)).as("no child of those names").isEmpty();
        Path copy = a.withLayerMethods(List.of("phi"), dir).orElseThrow();
        assertThat(Files.size(copy)).isPositive();
        assertThat(TorchScriptArchive.read(copy)).isPresent();
    }

    @Test
    void aNonArchive_isNotRead(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("x.pt"), "not a zip");
        assertThat(TorchScriptArchive.read(f)).isEmpty();
    }

    @Test
    void layersOfAnAuditedModuleCarryKindsAndTheBatchNormFlag() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("set_batch_norm.pt"))) {
            AuditReport report = Audit.of(model).group("S(n)").input("permute(axis=1)", 4, 6, 3).invariant()
                    .trials(8).seed(1).layers(true).run();
            assertThat(report.layers()).extracting(LayerResult::kind)
                    .containsExactly("Linear", "BatchNorm1d", "ReLU", "SumPool", "Linear");
            List<Layer> layers = model.layered().orElseThrow().layers();
            assertThat(layers).extracting(Layer::batchNorm).containsExactly(false, true, false, false, false);
            assertThat(layers).extracting(Layer::activation).containsExactly(false, false, true, false, false);
        }
    }
}
