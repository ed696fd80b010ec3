package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.models.DeepSets;
import dev.equivariance.report.TextReport;
import org.junit.jupiter.api.Test;

class EndToEndAuditTest {

    @Test
    void deepSetsIsInvariantToPermutations() {
        AuditReport report = Audit.of(DeepSets.build(16)).group("S(n)").input("permute(axis=1)", 4, 10, 3)
                .invariant().seed(1).run();
        System.out.println(TextReport.render(report));
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void deepSetsWithPositionalEmbeddingFails() {
        AuditReport report = Audit.of(DeepSets.withPositionalEmbedding(16)).group("S(n)")
                .input("permute(axis=1)", 4, 10, 3).invariant().seed(1).run();
        System.out.println(TextReport.render(report));
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    }
}
