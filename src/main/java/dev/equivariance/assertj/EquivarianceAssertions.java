package dev.equivariance.assertj;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;

/**
 * AssertJ entry points for audits outside the annotations:
 * <pre>
 *   assertThat(Audit.of(model).input("vector", 4, 10, 3))
 *       .isEquivariantUnder("SO(3)", "vector")
 *       .hasMaxRelativeErrorBelow(1e-5);
 * </pre>
 */
public final class EquivarianceAssertions {

    private EquivarianceAssertions() {
    }

    /** Assertions that run the audit {@code runner} describes (add group and outputs in the assertion). */
    public static AuditAssert assertThat(Audit.Runner runner) {
        return new AuditAssert(runner);
    }

    /** Assertions on a finished report. */
    public static AuditReportAssert assertThat(AuditReport report) {
        return new AuditReportAssert(report);
    }
}
