package dev.equivariance.assertj;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions that run an audit. The runner carries the model and inputs; the assertion names the symmetry, runs
 * the audit and continues with assertions on its report.
 */
public class AuditAssert extends AbstractAssert<AuditAssert, Audit.Runner> {

    public AuditAssert(Audit.Runner actual) {
        super(actual, AuditAssert.class);
    }

    /** Runs the audit as specified by the runner and checks that it passes. */
    public AuditReportAssert passes() {
        isNotNull();
        return new AuditReportAssert(actual.run()).passes();
    }

    /** Audits equivariance under {@code group} with every output transforming by {@code outputAction}. */
    public AuditReportAssert isEquivariantUnder(String group, String... outputActions) {
        isNotNull();
        actual.group(group);
        for (String a : outputActions) {
            actual.output(a);
        }
        return new AuditReportAssert(actual.run()).passes();
    }

    /** Audits invariance under {@code group}. */
    public AuditReportAssert isInvariantUnder(String group) {
        isNotNull();
        actual.group(group).invariant();
        return new AuditReportAssert(actual.run()).passes();
    }

    /** Runs the audit and returns assertions on its report without requiring it to pass. */
    public AuditReportAssert report() {
        isNotNull();
        AuditReport report = actual.run();
        return new AuditReportAssert(report);
    }
}
