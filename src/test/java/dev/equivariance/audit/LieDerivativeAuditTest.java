package dev.equivariance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.models.PlanarVectorGate;
import dev.equivariance.report.TextReport;
import org.junit.jupiter.api.Test;

class LieDerivativeAuditTest {

    static Audit.Runner so2(Object model) {
        return Audit.of(model).group("SO(2)").input("vector", 2, PlanarVectorGate.POINTS, 2).output("vector")
                .samples(4).trials(16).seed(5);
    }

    @Test
    void probe() {
        AuditReport good = so2(PlanarVectorGate.equivariant()).layers(true).run();
        System.out.println(TextReport.render(good));
        System.out.println(good.lieDerivative());
        AuditReport bad = so2(PlanarVectorGate.biasedMix()).layers(true).run();
        System.out.println(TextReport.render(bad));
        System.out.println(bad.lieDerivative());
    }
}
