package dev.equivariance.report;

import static dev.equivariance.report.Html.esc;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index page of a report directory: one row per audit (verdict, test, model, symmetry, worst relative error,
 * links to its files), failing audits first. The rows of one JVM are kept here and saved as text lines
 * ({@link Row#encode()}), so that the JVMs of one test run (Surefire forks) can merge theirs into one page. Not
 * thread-safe: {@link ReportWriter} guards it.
 */
final class ReportIndex {

    private static final Comparator<Row> ORDER = Comparator
            .comparing(Row::verdict, Comparator.reverseOrder())
            .thenComparing(Row::base);

    private final Map<String, Row> entries = new LinkedHashMap<>();

    /** One audit on the page: what the row shows. */
    record Row(String base, Verdict verdict, String test, String model, String symmetry, double maxRelative,
               Level level) {

        static Row of(String base, AuditReport report, ReportOrigin origin) {
            return new Row(base, report.verdict(), origin != null ? origin.displayName() : base, report.model(),
                    report.symmetry(), report.endToEnd().maxRelative(), report.level());
        }

        /** One line: tab-separated fields, tabs, newlines and backslashes escaped. */
        String encode() {
            return String.join("\t", field(base), verdict.name(), field(test), field(model), field(symmetry),
                    Double.toString(maxRelative), level.name());
        }

        /** The row of a line written by {@link #encode()}, or null when the line is not one. */
        static Row decode(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 7) {
                return null;
            }
            try {
                return new Row(unesc(f[0]), Verdict.valueOf(f[1]), unesc(f[2]), unesc(f[3]), unesc(f[4]),
                        Double.parseDouble(f[5]), Level.valueOf(f[6]));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static String field(String s) {
            return s == null ? "" : s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }

        private static String unesc(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char n = s.charAt(++i);
                    sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
    }

    /** Adds an audit, replacing an earlier one with the same file name. */
    void put(String base, AuditReport report, ReportOrigin origin) {
        entries.put(base, Row.of(base, report, origin));
    }

    /** This JVM's rows. */
    List<Row> rows() {
        return new ArrayList<>(entries.values());
    }

    /** The page of this JVM's rows. */
    String render() {
        return render(entries.values());
    }

    /** The page of the given rows (a later row with the same file name replaces an earlier one). */
    static String render(Collection<Row> all) {
        Map<String, Row> byBase = new LinkedHashMap<>();
        all.forEach(r -> byBase.put(r.base(), r));
        List<Row> rows = new ArrayList<>(byBase.values());
        rows.sort(ORDER);
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        rows.forEach(e -> counts.merge(e.verdict(), 1, Integer::sum));
        Verdict worst = rows.stream().map(Row::verdict).reduce(Verdict.PASS, Verdict::and);

        StringBuilder sb = new StringBuilder(16 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Equivariance audits (").append(rows.size()).append(")</title>\n<style>\n")
                .append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<header class=\"page-header ").append(rows.isEmpty() ? "" : Palette.verdictClass(worst))
                .append("\">\n<div class=\"wrap\">\n<p class=\"eyebrow\">Equivariance Auditor</p>\n")
                .append("<h1>Equivariance audits</h1>\n<p class=\"subtitle\">").append(rows.size())
                .append(rows.size() == 1 ? " audit" : " audits").append(" written by this test run · updated ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")))
                .append("</p>\n<p class=\"counts\">");
        for (Verdict v : Verdict.values()) {
            sb.append("<span class=\"badge small ").append(Palette.verdictClass(v)).append("\">")
                    .append(counts.getOrDefault(v, 0)).append(' ').append(HtmlReport.verdictText(v))
                    .append("</span>");
        }
        sb.append("</p>\n</div>\n</header>\n<main class=\"wrap\">\n<section class=\"card\">\n");
        sb.append("<div class=\"table-scroll\">\n<table id=\"audits\">\n<thead><tr><th>Verdict</th><th>Test</th>")
                .append("<th>Model</th><th>Symmetry</th><th class=\"num\">Max rel. error</th><th>Level</th>")
                .append("<th>Files</th></tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            String page = esc(r.base()) + ".html";
            sb.append("<tr><td><span class=\"badge small ").append(Palette.verdictClass(r.verdict())).append("\">")
                    .append(HtmlReport.verdictText(r.verdict())).append("</span></td><td><a href=\"").append(page)
                    .append("\">").append(esc(r.test()).replace(".", ".<wbr>")).append("</a></td><td>")
                    .append(esc(r.model())).append("</td><td>").append(esc(r.symmetry())).append("</td><td class=\"num\">")
                    .append(TextReport.num(r.maxRelative())).append("</td><td><span class=\"chip ")
                    .append(Palette.levelClass(r.level())).append("\">").append(r.level())
                    .append("</span></td><td class=\"nowrap\"><a href=\"").append(esc(r.base()))
                    .append(".json\">JSON</a> · <a href=\"").append(esc(r.base())).append(".txt\">text</a>")
                    .append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</div>\n</section>\n</main>\n<footer class=\"wrap\">Equivariance Auditor · ")
                .append("each audit's JSON follows report schema ").append(JsonReport.SCHEMA_VERSION)
                .append("</footer>\n</body>\n</html>\n");
        return sb.toString();
    }
}
