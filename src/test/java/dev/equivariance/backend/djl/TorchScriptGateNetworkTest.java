package dev.equivariance.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import dev.equivariance.report.TextReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * An e3nn-style gate network on points (export_gate_fixtures.py): 4x0e + 2x1o per row in, 2x0e + 1x1o + 1x2e per row
 * out, with the tensor product 1o x 1o -> 2e in the auditor's spherical harmonic basis.
 */
class TorchScriptGateNetworkTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void theGateNetwork_passesUnderO3WithTheIrrepsActions() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("gate_network.pt"))) {
            AuditReport report = audit(model);
            String text = TextReport.render(report);
            assertThat(report.verdict()).as(text).isEqualTo(Verdict.PASS);
            assertThat(report.level()).as(text).isIn(Level.EXACT, Level.EXCELLENT);
        }
    }

    @Test
    void whenThe2eComponentsAreInAnotherOrder_theAuditFails() {
        try (TorchScriptModel model = TorchScript.load(FIXTURES.resolve("gate_network_basis_swap.pt"))) {
            AuditReport report = audit(model);
            String text = TextReport.render(report);
            assertThat(report.verdict()).as(text).isEqualTo(Verdict.FAIL);
            assertThat(report.level()).as(text).isEqualTo(Level.BROKEN);
        }
    }

    private static AuditReport audit(TorchScriptModel model) {
        return Audit.of(model).group("O(3)").input("irreps(4x0e + 2x1o)", 5, 10).output("irreps(2x0e + 1x1o + 1x2e)")
                .trials(16).seed(1).run();
    }
}
