package dev.equivariance.report;

import static dev.equivariance.report.Html.esc;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Verdict;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index page of a report directory: one row per audit (verdict, test, model, symmetry, worst relative error,
 * links to its files), failing audits first. Not thread-safe: {@link ReportWriter} guards it.
 */
final class ReportIndex {

    private static final Comparator<Entry> ORDER = Comparator
            .comparing((Entry e) -> e.report().verdict(), Comparator.reverseOrder())
            .thenComparing(Entry::base);

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** One audit on the page. */
    record Entry(String base, AuditReport report, ReportOrigin origin) {
    }

    /** Adds an audit, replacing an earlier one with the same file name. */
    void put(String base, AuditReport report, ReportOrigin origin) {
        entries.put(base, new Entry(base, report, origin));
    }

    String render() {
        List<Entry> rows = new ArrayList<>(entries.values());
        rows.sort(ORDER);
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        rows.forEach(e -> counts.merge(e.report().verdict(), 1, Integer::sum));
        Verdict worst = rows.stream().map(e -> e.report().verdict()).reduce(Verdict.PASS, Verdict::and);

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
        for (Entry e : rows) {
            AuditReport r = e.report();
            String page = esc(e.base()) + ".html";
            String test = e.origin() != null ? e.origin().displayName() : e.base();
            sb.append("<tr><td><span class=\"badge small ").append(Palette.verdictClass(r.verdict())).append("\">")
                    .append(HtmlReport.verdictText(r.verdict())).append("</span></td><td><a href=\"").append(page)
                    .append("\">").append(esc(test).replace(".", ".<wbr>")).append("</a></td><td>").append(esc(r.model()))
                    .append("</td><td>").append(esc(r.symmetry())).append("</td><td class=\"num\">")
                    .append(TextReport.num(r.endToEnd().maxRelative())).append("</td><td><span class=\"chip ")
                    .append(Palette.levelClass(r.level())).append("\">").append(r.level())
                    .append("</span></td><td class=\"nowrap\"><a href=\"").append(esc(e.base()))
                    .append(".json\">JSON</a> · <a href=\"").append(esc(e.base())).append(".txt\">text</a>")
                    .append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</div>\n</section>\n</main>\n<footer class=\"wrap\">Equivariance Auditor · ")
                .append("each audit's JSON follows report schema ").append(JsonReport.SCHEMA_VERSION)
                .append("</footer>\n</body>\n</html>\n");
        return sb.toString();
    }
}
