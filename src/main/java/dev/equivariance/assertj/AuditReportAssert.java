package dev.equivariance.assertj;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import dev.equivariance.report.TextReport;
import org.assertj.core.api.AbstractAssert;

/** Assertions on an {@link AuditReport}; failure messages carry the full text report. */
public class AuditReportAssert extends AbstractAssert<AuditReportAssert, AuditReport> {

    public AuditReportAssert(AuditReport actual) {
        super(actual, AuditReportAssert.class);
    }

    /** The verdict is PASS (or NEEDS_ATTENTION where approximate equivariance was declared acceptable). */
    public AuditReportAssert passes() {
        isNotNull();
        if (!actual.acceptable()) {
            failWithMessage("Expected the audit to pass, but the verdict is %s%n%n%s", actual.verdict(),
                    TextReport.render(actual));
        }
        return this;
    }

    public AuditReportAssert hasVerdict(Verdict expected) {
        isNotNull();
        if (actual.verdict() != expected) {
            failWithMessage("Expected verdict %s but was %s%n%n%s", expected, actual.verdict(),
                    TextReport.render(actual));
        }
        return this;
    }

    /** The worst relative error over all tested pairs is below {@code bound}. */
    public AuditReportAssert hasMaxRelativeErrorBelow(double bound) {
        isNotNull();
        double max = actual.endToEnd().maxRelative();
        if (!(max < bound)) {
            failWithMessage("Expected max relative error below %s but was %s%n%n%s", bound, max,
                    TextReport.render(actual));
        }
        return this;
    }

    /** The report has a counterexample whose shrunk element prints as {@code element}. */
    public AuditReportAssert hasCounterexample(String element) {
        isNotNull();
        String found = actual.counterexample().map(c -> c.element()).orElse(null);
        if (!element.equals(found)) {
            failWithMessage("Expected counterexample %s but was %s%n%n%s", element, found, TextReport.render(actual));
        }
        return this;
    }
}
