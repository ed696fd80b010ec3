package dev.equivariance.docs;

import static dev.equivariance.assertj.EquivarianceAssertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.models.EgnnCoordinates;
import dev.equivariance.report.TextReport;
import org.junit.jupiter.api.Test;

/** The plain-Java snippet of docs/getting-started.md ("Without annotations"), as written there, on the EGNN update. */
class WithoutAnnotationsDocTest {

    @Test
    void theBuilderAndTheAssertJFace() {
        Block block = EgnnCoordinates.build(8);
        AuditReport report = Audit.of(block)
                .group("SO(3)").input("vector", 4, 10, 3).output("vector")
                .samples(4).trials(64).seed(1)
                .device("auto")                                  // optional: "cpu", "cuda", "cuda:1"
                .run();
        System.out.println(TextReport.render(report));
        org.assertj.core.api.Assertions.assertThat(report.verdict()).isEqualTo(Verdict.PASS);

        assertThat(Audit.of(block).input("vector", 4, 10, 3)).isEquivariantUnder("SO(3)", "vector")
                .hasMaxRelativeErrorBelow(1e-5);
    }
}
