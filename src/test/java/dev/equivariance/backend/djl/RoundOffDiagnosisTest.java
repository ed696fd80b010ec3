package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Issue;
import dev.equivariance.audit.IssueKind;
import dev.equivariance.audit.Verdict;
import dev.equivariance.report.TextReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Float32 round-off is told from a bug by a float64 rerun, for a DJL block (its parameters converted) and for a
 * TorchScript module with its float64 twin ({@code withFloat64}): an exactly invariant pair energy computed from
 * positions shifted by 20000 loses digits in float32 only (export_graph_fixtures.py, RoundOffEnergy).
 */
class RoundOffDiagnosisTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    /** The same energy as the fixture's, as a DJL block: sum_ij exp(-|x_i - x_j|^2 / 4) of x + 20000. */
    private static Block roundOffEnergy() {
        return new LambdaBlock(list -> {
            NDArray y = list.singletonOrThrow().add(20000.0);
            NDArray diff = y.expandDims(1).sub(y.expandDims(0));
            NDArray d2 = diff.square().sum(new int[] {-1});
            return new NDList(d2.mul(-0.25).exp().sum().reshape(1));
        }, "roundOffEnergy");
    }

    private static AuditReport underE3(Object model) {
        return Audit.of(model).group("E(3)").input("position", 8, 3).invariant().trials(16).seed(51).run();
    }

    private static void assertRoundOff(AuditReport report) {
        String text = TextReport.render(report);
        assertThat(report.endToEnd().maxRelative()).as(text).isGreaterThan(1e-4);
        assertThat(report.issues()).as(text).extracting(Issue::kind).contains(IssueKind.NUMERICAL_PRECISION);
        assertThat(report.issues()).as(text).allSatisfy(i -> assertThat(i.severity()).isNotEqualTo(Issue.Severity.ERROR));
        assertThat(report.verdict()).as(text).isNotEqualTo(Verdict.FAIL);
        assertThat(report.issues().stream().filter(i -> i.kind() == IssueKind.NUMERICAL_PRECISION).findFirst()
                .orElseThrow().evidence()).as(text).contains("in float64");
    }

    @Test
    void aDjlEnergyWithFloat32RoundOff_isNumericalPrecision_withFloat64Evidence() {
        assertRoundOff(underE3(roundOffEnergy()));
    }

    @Test
    void theTorchScriptEnergyWithItsFloat64Twin_isNumericalPrecisionToo() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("energy_roundoff.pt"))
                .withFloat64(FIXTURES.resolve("energy_roundoff_f64.pt"))) {
            assertRoundOff(underE3(model));
        }
    }

    @Test
    void withoutItsTwin_theTorchScriptEnergyIsNotExcused() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("energy_roundoff.pt"))) {
            AuditReport report = underE3(model);
            assertThat(report.issues()).extracting(Issue::kind).doesNotContain(IssueKind.NUMERICAL_PRECISION);
            assertThat(report.verdict()).isNotEqualTo(Verdict.PASS);
        }
    }

    @Test
    void aMissingTwinFile_isAClearError() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("energy_roundoff.pt"))) {
            assertThatThrownBy(() -> model.withFloat64(FIXTURES.resolve("missing_f64.pt")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model.double()");
        }
    }
}
