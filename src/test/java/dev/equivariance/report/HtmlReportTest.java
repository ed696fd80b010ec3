package dev.equivariance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.audit.AuditReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HtmlReportTest {

    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    /** Each inline SVG parsed as XML: well-formed, with a title and a description. */
    private static List<Document> svgs(String html) throws Exception {
        List<Document> out = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            out.add(f.newDocumentBuilder().parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    private static String id(Document svg) {
        return svg.getDocumentElement().getAttribute("id");
    }

    @Test
    void passingAudit_pageHasBadgeStatisticsAndBothElementPlots() throws Exception {
        AuditReport report = Reports.passing();
        String html = HtmlReport.render(report);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                .contains("<meta charset=\"utf-8\">")
                .contains("class=\"badge verdict-pass\" id=\"verdict\" data-verdict=\"PASS\"")
                .contains("<h2>End-to-end tests</h2>").contains(TextReport.num(report.endToEnd().maxRelative()))
                .contains("None: every tested transformation passed.")
                .contains("<summary>Full text report</summary>").contains("MODEL EQUIVARIANCE AUDIT REPORT")
                .contains("-Dequivariance.seed=1");
        List<Document> svgs = svgs(html);
        assertThat(svgs).extracting(HtmlReportTest::id).containsExactly("plot-histogram", "plot-scatter");
        for (Document svg : svgs) {
            assertThat(svg.getDocumentElement().getAttribute("role")).isEqualTo("img");
            assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isNotBlank();
            assertThat(svg.getElementsByTagName("desc").item(0).getTextContent()).contains("tested");
            assertThat(svg.getDocumentElement().getAttribute("aria-labelledby")).contains(id(svg) + "-desc");
        }
        assertThat(svgs.get(0).getElementsByTagName("rect").getLength()).as("histogram bars").isGreaterThan(3);
        int points = svgs.get(1).getElementsByTagName("circle").getLength()
                + svgs.get(1).getElementsByTagName("path").getLength();
        assertThat(points).as("one marker per element").isGreaterThanOrEqualTo(report.elements().size());
    }

    @Test
    void failingAudit_pageShowsFailBadgeCounterexampleAndThresholds() throws Exception {
        AuditReport report = Reports.failing();
        String html = HtmlReport.of(report).origin(new ReportOrigin("com.acme.SetsTest", "order")).render();

        assertThat(html).contains("data-verdict=\"FAIL\"").contains("class=\"page-header verdict-fail\"")
                .contains("<section class=\"card callout\" id=\"counterexample\">")
                .contains(Html.esc(report.counterexample().orElseThrow().element()))
                .contains("mvn test -Dtest=SetsTest#order -Dequivariance.seed=1")
                .contains("<h3>Recommendations</h3>");
        Document histogram = svgs(html).get(0);
        String text = histogram.getDocumentElement().getTextContent();
        assertThat(text).contains("pass < 10⁻⁴").contains("broken ≥ 10⁻²");
        assertThat(html).contains("class=\"bar lvl-broken\"");
    }

    @Test
    void layersAndPositionMap_areDrawnOnlyWhenPresent() throws Exception {
        assertThat(HtmlReport.render(Reports.passing())).doesNotContain("id=\"plot-layers\"")
                .doesNotContain("id=\"layers\"").doesNotContain("id=\"plot-positions\"");

        double[][] map = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                map[i][j] = i == 0 || j == 0 || i == 5 || j == 5 ? 1e-2 : 1e-7;
            }
        }
        String html = HtmlReport.of(Reports.synthetic()).positionErrors(map).render();
        List<Document> svgs = svgs(html);
        assertThat(svgs).extracting(HtmlReportTest::id)
                .containsExactly("plot-histogram", "plot-scatter", "plot-layers", "plot-positions");
        Document layers = svgs.get(2);
        assertThat(layers.getDocumentElement().getTextContent()).contains("first breaking").contains("02interpolate");
        assertThat(layers.getElementsByTagName("desc").item(0).getTextContent())
                .contains("First breaking layer: 02interpolate (Interpolation)");
        Document heat = svgs.get(3);
        assertThat(heat.getElementsByTagName("desc").item(0).getTextContent())
                .contains("6 by 6").contains("Mean on the border: 1.000e-02; in the interior: 1.000e-07");
        assertThat(html).contains("<td><code>02interpolate</code> <strong>first breaking</strong>");
    }

    @Test
    void pageIsSelfContained_andEscapesEverythingItShows() {
        String html = HtmlReport.of(Reports.synthetic()).positionErrors(new double[][] {{1e-3, 2e-3}}).render();

        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain(" src=")
                .doesNotContain("url(").doesNotContain("@import").doesNotContain("href=\"http");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(html).contains("Synthetic &lt;/script&gt; model")
                .contains("Weird &lt;&quot;quote&quot; &amp; \\")
                .doesNotContain("\u0001");
    }

    @Test
    void nonFiniteAndZeroErrors_getTheirOwnAxisSlots() throws Exception {
        Document histogram = svgs(HtmlReport.render(Reports.synthetic())).get(0);
        String text = histogram.getDocumentElement().getTextContent();
        assertThat(text).contains("NaN").contains("0");
        assertThat(histogram.getDocumentElement().getElementsByTagName("title").getLength())
                .as("tooltips on bars").isGreaterThan(3);
        assertThat(svgs(HtmlReport.render(Reports.synthetic())).get(1).getElementsByTagName("path").getLength())
                .as("the NaN element is a cross, edge cases diamonds").isGreaterThanOrEqualTo(3);
    }

    @Test
    void raggedPositionMapIsRejected() {
        assertThatThrownBy(() -> HtmlReport.of(Reports.synthetic()).positionErrors(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rectangular");
    }

    @Test
    void logAxisLabelsAndThresholdValues() {
        assertThat(LogAxis.label(-6)).isEqualTo("10⁻⁶");
        assertThat(LogAxis.label(0)).isEqualTo("10⁰");
        assertThat(LogAxis.label(12)).isEqualTo("10¹²");
        assertThat(LogAxis.value(1e-4)).isEqualTo("10⁻⁴");
        assertThat(LogAxis.value(3e-4)).isEqualTo("3.000e-04");
    }
}
