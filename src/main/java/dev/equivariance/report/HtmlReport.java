package dev.equivariance.report;

import static dev.equivariance.report.Html.esc;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.ErrorStats;
import dev.equivariance.audit.Verdict;

/**
 * Renders an {@link AuditReport} as one self-contained HTML page: inline CSS, charts drawn as inline SVG, no
 * scripts and nothing loaded from elsewhere, so the file can be attached to a build, mailed or opened offline.
 *
 * <p>The page has a header (model, symmetry, verdict badge, key numbers), the environment with seed and replay
 * command, end-to-end statistics, the charts (distribution of per-element errors with the pass and broken thresholds;
 * error against distance from the identity; error against rotation angle for planar rotation groups; per-layer
 * errors when the audit has layer results; a per-position heat map when a position map is supplied), the Lie
 * derivative for continuous groups, the counterexample, identified issues, the verdict with recommendations,
 * element tables, notes and the full text report. Each chart has a title and a text alternative.
 *
 * <pre>{@code
 * String page = HtmlReport.render(report);                                 // the common case
 * String page = HtmlReport.of(report).origin(origin).positionErrors(map).render();
 * }</pre>
 */
public final class HtmlReport {

    private final AuditReport report;
    private final ReportOrigin origin;
    private final double[][] positionErrors;
    private final String siblingBase;

    private HtmlReport(AuditReport report, ReportOrigin origin, double[][] positionErrors, String siblingBase) {
        this.report = report;
        this.origin = origin;
        this.positionErrors = positionErrors;
        this.siblingBase = siblingBase;
    }

    /** The page for a report, without a test origin. */
    public static String render(AuditReport report) {
        return of(report).render();
    }

    /** A page to configure before {@link #render()}. */
    public static HtmlReport of(AuditReport report) {
        return new HtmlReport(report, null, report.positionErrors().orElse(null), null);
    }

    /** The test the audit belongs to: shown in the header and used for the replay command. */
    public HtmlReport origin(ReportOrigin testOrigin) {
        return new HtmlReport(report, testOrigin, positionErrors, siblingBase);
    }

    /**
     * The error at each spatial position of the output, {@code errors[row][column]}, e.g. the largest relative
     * error over the pairs at that position; shown as a heat map that makes border effects (padding) visible.
     * Null or empty shows no heat map.
     *
     * @throws IllegalArgumentException if the rows have different lengths
     */
    public HtmlReport positionErrors(double[][] errors) {
        double[][] copy = null;
        if (errors != null && errors.length > 0 && errors[0].length > 0) {
            copy = new double[errors.length][];
            for (int i = 0; i < errors.length; i++) {
                if (errors[i].length != errors[0].length) {
                    throw new IllegalArgumentException("Position errors must be rectangular: row " + i + " has "
                            + errors[i].length + " columns, row 0 has " + errors[0].length);
                }
                copy[i] = errors[i].clone();
            }
        }
        return new HtmlReport(report, origin, copy, siblingBase);
    }

    /** Links the page to {@code base.json}, {@code base.txt} and {@code index.html} in the same directory. */
    HtmlReport alongside(String baseName) {
        return new HtmlReport(report, origin, positionErrors, baseName);
    }

    /** The complete HTML document. */
    public String render() {
        AuditReport r = report;
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Equivariance Auditor\">\n")
                .append("<title>").append(esc(verdictText(r.verdict()) + " · " + r.model() + " under "
                        + r.symmetry())).append(" · Equivariance audit</title>\n")
                .append("<style>\n").append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n");
        header(sb);
        sb.append("<main class=\"wrap\">\n");
        HtmlSections s = new HtmlSections(sb, r);
        s.environment(origin);
        s.endToEnd();
        plots(sb);
        if (!r.layers().isEmpty()) {
            s.layers(LayerChart.render(r, "plot-layers"));
        }
        r.gradients().ifPresent(s::gradients);
        r.lieDerivative().ifPresent(s::lieDerivative);
        if (positionErrors != null) {
            positions(sb);
        }
        s.selfCheck();
        s.counterexample(ReportOrigin.replay(origin, r.seed()));
        s.issues();
        s.verdict(TextReport.recommendations(r));
        s.elements();
        s.notes();
        sb.append("<section class=\"card\" id=\"text-report\" aria-label=\"Full text report\">\n<details>\n")
                .append("<summary>Full text report</summary>\n<pre class=\"text-report\">")
                .append(esc(TextReport.render(r))).append("</pre>\n</details>\n</section>\n");
        sb.append("</main>\n<footer class=\"wrap\">Equivariance Auditor · report schema ")
                .append(JsonReport.SCHEMA_VERSION);
        if (siblingBase != null) {
            sb.append(" · <a href=\"index.html\">all audits of this run</a> · <a href=\"")
                    .append(esc(siblingBase)).append(".json\">JSON</a> · <a href=\"").append(esc(siblingBase))
                    .append(".txt\">text</a>");
        }
        sb.append("</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    private void header(StringBuilder sb) {
        AuditReport r = report;
        String verdictClass = Palette.verdictClass(r.verdict());
        sb.append("<header class=\"page-header ").append(verdictClass).append("\">\n<div class=\"wrap\">\n")
                .append("<div class=\"header-row\">\n<div>\n<p class=\"eyebrow\">Equivariance audit · ")
                .append(r.invariant() ? "invariance" : "equivariance").append("</p>\n<h1>").append(esc(r.model()))
                .append("</h1>\n<p class=\"subtitle\">under <strong>").append(esc(r.symmetry())).append("</strong>");
        if (origin != null) {
            sb.append(" · test <span class=\"mono\">").append(esc(origin.displayName())).append("</span>");
        }
        AuditReport.Environment env = r.environment();
        sb.append("</p>\n<p class=\"meta\">").append(esc(env.backend())).append(" · ").append(esc(env.device()))
                .append(" · ").append(esc(env.dtype())).append(env.threads() > 0 ? " · " + env.threads() + " threads"
                        : "").append(" · ").append(esc(env.mode())).append(" mode · seed ").append(r.seed())
                .append("</p>\n<p class=\"meta\">Replay: <code>").append(esc(ReportOrigin.replay(origin, r.seed())))
                .append("</code></p>\n");
        sb.append("</div>\n<div>\n<span class=\"badge ").append(verdictClass).append("\" id=\"verdict\"")
                .append(" data-verdict=\"").append(r.verdict().name()).append("\" role=\"status\" aria-label=\"")
                .append("Verdict: ").append(verdictText(r.verdict())).append("\">")
                .append(verdictText(r.verdict())).append("</span>\n<p class=\"verdict-note\">")
                .append(r.acceptable() ? "the test passes" : "the test fails")
                .append(r.verdict() == Verdict.NEEDS_ATTENTION && r.approximateExpected()
                        ? " (approximate is expected)" : "").append("</p>\n</div>\n</div>\n");
        ErrorStats s = r.endToEnd();
        sb.append("<div class=\"kpis\">\n");
        kpi(sb, "Max relative error", TextReport.num(s.maxRelative()));
        kpi(sb, "Mean relative error", TextReport.num(s.meanRelative()));
        kpi(sb, "Pairs compared", s.count() + " <span class=\"sub\">(" + r.samples() + " inputs × "
                + r.transformations() + " elements)</span>");
        kpi(sb, "Level", "<span class=\"chip " + Palette.levelClass(r.level()) + "\">" + r.level() + "</span> <span "
                + "class=\"sub\">pass &lt; " + TextReport.num(r.tolerance().pass()) + "</span>");
        sb.append("</div>\n</div>\n</header>\n");
    }

    private static void kpi(StringBuilder sb, String label, String valueHtml) {
        sb.append("<div class=\"kpi\"><div class=\"label\">").append(esc(label)).append("</div><div class=\"value\">")
                .append(valueHtml).append("</div></div>\n");
    }

    private void plots(StringBuilder sb) {
        AuditReport r = report;
        sb.append("<section class=\"card\" id=\"plots\">\n<h2>Errors per group element</h2>\n");
        if (r.elements().isEmpty()) {
            sb.append("<p class=\"empty\">No group elements were tested.</p>\n</section>\n");
            return;
        }
        sb.append("<figure>\n").append(ErrorHistogram.render(r, "plot-histogram"))
                .append("<figcaption><span class=\"fig-title\">Distribution.</span> How many elements reached each "
                        + "largest relative error (over all inputs). Bars left of the green line pass; right of "
                        + "the red line the symmetry is broken.</figcaption>\n</figure>\n");
        sb.append("<figure>\n").append(ErrorScatter.render(r, "plot-scatter"))
                .append("<figcaption><span class=\"fig-title\">Error against distance from the identity.</span> "
                        + "An error growing with the distance suggests an approximation (interpolation, "
                        + "discretisation); a high error at every distance suggests a structural break.")
                .append("</figcaption>\n</figure>\n");
        if (AngleChart.applies(r)) {
            sb.append("<figure>\n").append(AngleChart.render(r, "plot-angle"))
                    .append("<figcaption><span class=\"fig-title\">Error against rotation angle.</span> A rotated "
                            + "grid is exact at multiples of 90° (dashed guides) and interpolated in between: low "
                            + "points on the guides and higher ones between them are discretisation; high points "
                            + "everywhere are a bug.</figcaption>\n</figure>\n");
        }
        sb.append("</section>\n");
    }

    private void positions(StringBuilder sb) {
        sb.append("<section class=\"card\" id=\"positions\">\n<h2>Error by position</h2>\n<figure>\n")
                .append(PositionHeatMap.render(positionErrors, "plot-positions"))
                .append("<figcaption><span class=\"fig-title\">Where in the output the error is.</span> Errors "
                        + "concentrated on the border point to padding or boundary handling that does not commute "
                        + "with the symmetry.</figcaption>\n</figure>\n</section>\n");
    }

    /** {@code PASS}, {@code NEEDS ATTENTION} or {@code FAIL}. */
    static String verdictText(Verdict v) {
        return v.name().replace('_', ' ');
    }
}
