package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.LieDerivativeResult;
import dev.equivariance.models.PlanarVectorGate;
import org.junit.jupiter.api.Test;

/** The snippet of docs/lie-derivative.md, as written there, on the planar vector network and its broken twin. */
class LieDerivativeDocTest {

    private static AuditReport snippet(Block model) {
        AuditReport report = Audit.of(model).group("SO(2)").input("vector", 2, 5, 2).output("vector")
                .layers(true).run();
        report.lieDerivative().ifPresent(l -> System.out.println(l.maxRelative() + ", largest layer: "
                + l.largestLayer().map(LieDerivativeResult.LayerContribution::name).orElse("-")));
        return report;
    }

    @Test
    void theSnippetReportsRoundOffForTheGoodModel_andNamesTheMixOfTheBrokenOne() {
        assertThat(snippet(PlanarVectorGate.equivariant()).lieDerivative())
                .hasValueSatisfying(l -> assertThat(l.maxRelative()).isLessThan(1e-9));
        assertThat(snippet(PlanarVectorGate.biasedMix()).lieDerivative()).hasValueSatisfying(l ->
                assertThat(l.largestLayer()).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("02PointMix")));
    }
}
