package dev.equivariance.report;

import dev.equivariance.audit.AuditReport;
import java.util.Locale;

/** Safe file base names for report files: letters, digits, {@code . _ -} only, bounded length. */
final class FileNames {

    static final int MAX_LENGTH = 120;

    private FileNames() {
    }

    /**
     * {@code DeepSetsTest.orderDoesNotMatter} for a test ({@code Outer.Inner.method} for nested classes), or
     * {@code audit-<model>-<symmetry>} for an audit run outside a test.
     */
    static String base(AuditReport report, ReportOrigin origin) {
        String raw = origin != null ? origin.simpleClassName().replace('$', '.') + "." + origin.testMethod()
                : "audit-" + report.model() + "-" + report.symmetry();
        return sanitize(raw);
    }

    /**
     * Replaces every run of characters other than ASCII letters, digits, {@code .}, {@code _} and {@code -} with
     * one {@code _}, strips leading dots, and shortens long names (keeping a hash of the full name so shortened
     * names stay distinct).
     */
    static String sanitize(String raw) {
        StringBuilder sb = new StringBuilder();
        boolean replaced = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            if (ok) {
                sb.append(c);
                replaced = false;
            } else if (!replaced) {
                sb.append('_');
                replaced = true;
            }
        }
        String name = sb.toString().replaceAll("^[._]+", "").replaceAll("[._]+$", "");
        if (name.isEmpty()) {
            name = "audit";
        }
        if (name.length() > MAX_LENGTH) {
            String hash = String.format(Locale.ROOT, "%08x", raw.hashCode());
            name = name.substring(0, MAX_LENGTH - hash.length() - 1) + "-" + hash;
        }
        return name;
    }
}
