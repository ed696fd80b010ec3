package dev.equivariance.report;

import static dev.equivariance.report.Html.esc;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Counterexample;
import dev.equivariance.audit.ElementResult;
import dev.equivariance.audit.ErrorStats;
import dev.equivariance.audit.GradientResult;
import dev.equivariance.audit.Issue;
import dev.equivariance.audit.LayerResult;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The text-and-table sections of the HTML report, each a {@code <section class="card">}, appended in page order. */
final class HtmlSections {

    private static final int WORST_SHOWN = 10;

    private final StringBuilder sb;
    private final AuditReport r;

    HtmlSections(StringBuilder sb, AuditReport r) {
        this.sb = sb;
        this.r = r;
    }

    void environment(ReportOrigin origin) {
        AuditReport.Environment env = r.environment();
        open("environment", "What was audited");
        sb.append("<dl class=\"facts\">\n");
        if (origin != null) {
            fact("Test", "<code>" + esc(origin.testClass() + "#" + origin.testMethod()) + "</code>");
        }
        fact("Symmetry", esc(r.symmetry()) + " · " + (r.invariant() ? "invariant" : "equivariant"));
        for (int k = 0; k < r.inputs().size(); k++) {
            fact(r.inputs().size() == 1 ? "Input" : "Input #" + k, "<code>" + esc(r.inputs().get(k)) + "</code>");
        }
        for (int k = 0; k < r.outputs().size(); k++) {
            fact(r.outputs().size() == 1 ? "Output" : "Output #" + k,
                    "<code>" + esc(r.outputs().get(k)) + "</code>");
        }
        fact("Backend", esc(env.backend()) + " on " + esc(env.device()) + ", " + esc(env.mode()) + " mode"
                + (env.threads() > 0 ? ", " + env.threads() + " threads" : ""));
        fact("Data type", esc(env.dtype()));
        fact("Seed", "<code>" + r.seed() + "</code>" + (r.approximateExpected()
                ? " · approximate equivariance is declared acceptable" : ""));
        sb.append("</dl>\n");
        close();
    }

    void endToEnd() {
        ErrorStats s = r.endToEnd();
        open("end-to-end", "End-to-end tests");
        String result = r.endToEndResult();
        sb.append("<table class=\"stats stats-2\">\n<tbody>\n");
        row2("Test samples (generated inputs)", Integer.toString(r.samples()), "Mean absolute error",
                TextReport.num(s.meanAbsolute()));
        row2("Transformations tested per input", Integer.toString(r.transformations()), "Max absolute error",
                TextReport.num(s.maxAbsolute()));
        row2("Pairs compared", Integer.toString(s.count()), "Mean relative error", TextReport.num(s.meanRelative()));
        row2("Model evaluations", Integer.toString(r.modelEvaluations()), "Max relative error",
                "<strong>" + TextReport.num(s.maxRelative()) + "</strong>");
        row2("Level", chip(r.level()), "Result",
                "<span class=\"chip result-" + result.toLowerCase(Locale.ROOT) + "\">" + result + "</span>");
        sb.append("<tr><td>Thresholds (relative error)</td><td colspan=\"3\">exact &lt; ")
                .append(TextReport.num(r.tolerance().exact())).append(" · pass &lt; ")
                .append(TextReport.num(r.tolerance().pass())).append(" · broken ≥ ")
                .append(TextReport.num(r.tolerance().broken())).append("</td></tr>\n");
        sb.append("</tbody>\n</table>\n");
        close();
    }

    void layers(String chart) {
        open("layers", "Layer-wise analysis");
        sb.append("<figure>\n").append(chart).append("<figcaption><span class=\"fig-title\">Error by layer.</span> ")
                .append("The first layer whose error is broken is where the symmetry is lost; layers after it ")
                .append("inherit the error.</figcaption>\n</figure>\n");
        sb.append("<table>\n<thead><tr><th>Layer</th><th>Kind</th><th>Output action</th>")
                .append("<th class=\"num\">Layer alone</th><th class=\"num\">After the layer</th><th>Level</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (LayerResult l : r.layers()) {
            sb.append("<tr").append(l.firstBreaking() ? " class=\"first-breaking\"" : "").append("><td><code>")
                    .append(esc(l.name())).append("</code>").append(l.firstBreaking() ? " <strong>first breaking"
                            + "</strong>" : "").append("</td><td>").append(esc(l.kind())).append("</td><td>")
                    .append(esc(l.action())).append("</td><td class=\"num\">")
                    .append(Double.isNaN(l.localError()) ? "—" : TextReport.num(l.localError()))
                    .append("</td><td class=\"num\">").append(TextReport.num(l.propagatedError())).append("</td><td>")
                    .append(chip(l.level())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        close();
    }

    void gradients(GradientResult g) {
        open("gradients", "Gradient test");
        sb.append("<table class=\"stats\">\n<tbody>\n");
        row("Loss", esc(g.loss()));
        row("Input-gradient error", TextReport.num(g.inputGradientError()));
        row("Parameter-gradient error", TextReport.num(g.parameterGradientError()));
        row("Level", chip(g.level()));
        if (!g.noGradient().isEmpty()) {
            row("No gradient (not judged)", esc(String.join(", ", g.noGradient())));
        }
        if (!g.rule().isEmpty()) {
            row("Rule", esc(g.rule()));
        }
        sb.append("</tbody>\n</table>\n");
        if (!g.worstParameters().isEmpty()) {
            sb.append("<h3>Parameters with the largest gradient errors</h3>\n<table>\n<thead><tr><th>Parameter</th>")
                    .append("<th class=\"num\">Relative error</th></tr></thead>\n<tbody>\n");
            for (GradientResult.ParameterError p : g.worstParameters()) {
                sb.append("<tr><td><code>").append(esc(p.name())).append("</code></td><td class=\"num\">")
                        .append(TextReport.num(p.relativeError())).append("</td></tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
        }
        if (g.note() != null && !g.note().isBlank()) {
            sb.append("<p class=\"muted\">").append(esc(g.note())).append("</p>\n");
        }
        close();
    }

    void lieDerivative(dev.equivariance.audit.LieDerivativeResult l) {
        open("lie-derivative", "Lie derivative");
        sb.append("<p class=\"muted\">d/dt ρ<sub>out</sub>(exp(tA))<sup>−1</sup> f(ρ<sub>in</sub>(exp(tA)) x) ")
                .append("at t = 0 ")
                .append("along each generator A: zero for an equivariant model, otherwise how fast the error grows ")
                .append("from the identity. Central differences in ").append(esc(l.dtype())).append(", step ")
                .append(l.step()).append(", over ").append(l.inputs()).append(" input(s).</p>\n");
        sb.append("<table id=\"lie-generators\">\n<thead><tr><th>Generator</th><th class=\"num\">Mean |L|</th>")
                .append("<th class=\"num\">Max |L|</th><th class=\"num\">Mean |L|/|f(x)|</th>")
                .append("<th class=\"num\">Max |L|/|f(x)|</th></tr></thead>\n<tbody>\n");
        for (dev.equivariance.audit.LieDerivativeResult.Generator g : l.generators()) {
            sb.append("<tr data-generator=\"").append(esc(g.name())).append("\" data-max-relative=\"")
                    .append(g.maxRelative()).append("\"><td>").append(esc(g.name())).append("</td><td class=\"num\">")
                    .append(TextReport.num(g.meanAbsolute())).append("</td><td class=\"num\">")
                    .append(TextReport.num(g.maxAbsolute())).append("</td><td class=\"num\">")
                    .append(TextReport.num(g.meanRelative())).append("</td><td class=\"num\">")
                    .append(TextReport.num(g.maxRelative())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (!l.layers().isEmpty()) {
            sb.append("<h3>Per layer, largest first</h3>\n<table id=\"lie-layers\">\n<thead><tr><th>#</th>")
                    .append("<th>Layer</th><th>Kind</th><th>Generator</th><th class=\"num\">Max |L|</th>")
                    .append("<th class=\"num\">Max |L|/|layer(h)|</th></tr></thead>\n<tbody>\n");
            int rank = 1;
            for (dev.equivariance.audit.LieDerivativeResult.LayerContribution c : l.layers()) {
                sb.append("<tr data-layer=\"").append(esc(c.name())).append("\" data-max-relative=\"")
                        .append(c.maxRelative()).append("\"><td>").append(rank++).append("</td><td><code>")
                        .append(esc(c.name())).append("</code></td><td>").append(esc(c.kind())).append("</td><td>")
                        .append(esc(c.generator())).append("</td><td class=\"num\">")
                        .append(TextReport.num(c.maxAbsolute())).append("</td><td class=\"num\">")
                        .append(TextReport.num(c.maxRelative())).append("</td></tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
        }
        for (String n : l.notes()) {
            sb.append("<p class=\"muted\">").append(esc(n)).append("</p>\n");
        }
        close();
    }

    void counterexample(String replay) {
        if (r.counterexample().isEmpty()) {
            sb.append("<section class=\"card callout callout-info\" id=\"counterexample\">\n<h2>Counterexample</h2>\n")
                    .append("<p class=\"empty\">None").append(r.verdict() == Verdict.PASS
                            ? ": every tested transformation passed." : ".").append("</p>\n");
            close();
            return;
        }
        Counterexample c = r.counterexample().get();
        sb.append("<section class=\"card callout\" id=\"counterexample\">\n<h2>Counterexample</h2>\n")
                .append("<dl class=\"facts\">\n");
        fact("Smallest failing element", "<code>" + esc(c.element()) + "</code>");
        fact("Its relative error", "<strong>" + TextReport.num(c.error()) + "</strong> on input shapes <code>"
                + esc(c.inputShapes()) + "</code>");
        fact("Shrunk from", "<code>" + esc(c.originalElement()) + "</code> (error " + TextReport.num(c.originalError())
                + ") on generated input #" + c.inputIndex() + " with shapes <code>" + esc(c.originalInputShapes())
                + "</code>");
        if (!c.inputChanges().isEmpty()) {
            fact("Input simplified", esc(String.join("; ", TextReport.collapse(c.inputChanges()))));
        }
        if (!c.inputValues().isEmpty()) {
            fact("Input values (row-major)", "<code>" + esc(c.inputValues()) + "</code>");
        }
        fact("Shrinking", c.shrinkSteps() + " steps, " + c.evaluations() + " model evaluations");
        fact("Replay", "<code class=\"replay\">" + esc(replay) + "</code>");
        sb.append("</dl>\n");
        close();
    }

    void selfCheck() {
        if (r.selfCheck().isEmpty()) {
            return;
        }
        dev.equivariance.audit.SelfCheckResult c = r.selfCheck().get();
        open("self-check", "Audit self-check");
        sb.append("<p>").append(c.detected()).append(" of ").append(c.planted())
                .append(" planted symmetry breaks detected; ").append(c.located())
                .append(" located at their layer.</p>\n<div class=\"table-scroll\">\n<table>\n<thead><tr><th>Planted break</th>")
                .append("<th>Detected</th><th>Error</th><th>Located at</th></tr></thead>\n<tbody>\n");
        for (dev.equivariance.audit.SelfCheckResult.Mutant m : c.mutants()) {
            sb.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(m.detected() ? "yes" : "no")
                    .append("</td><td>").append(esc(TextReport.num(m.error()))).append("</td><td>")
                    .append(esc(m.location())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</div>\n");
        close();
    }

    void issues() {
        open("issues", "Identified issues");
        if (r.issues().isEmpty()) {
            sb.append("<p class=\"empty\">No issues identified.</p>\n");
            close();
            return;
        }
        sb.append("<div class=\"table-scroll\">\n<table>\n<thead><tr><th>Severity</th><th>Issue</th>")
                .append("<th>Location</th><th>Recommended fix</th><th>Evidence</th></tr></thead>\n<tbody>\n");
        for (Issue i : r.issues()) {
            sb.append("<tr><td><span class=\"chip sev-").append(i.severity().name().toLowerCase(Locale.ROOT))
                    .append("\">").append(i.severity()).append("</span></td><td><strong>").append(esc(i.title()))
                    .append("</strong><br>").append(esc(i.description())).append("</td><td>").append(esc(i.location()))
                    .append("</td><td>").append(esc(i.fix())).append("</td><td>").append(esc(i.evidence()))
                    .append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</div>\n");
        close();
    }

    void verdict(List<String> recommendations) {
        open("overall-verdict", "Overall verdict");
        sb.append("<p><span class=\"badge small ").append(Palette.verdictClass(r.verdict())).append("\">")
                .append(HtmlReport.verdictText(r.verdict())).append("</span>");
        if (r.verdict() == Verdict.NEEDS_ATTENTION && r.approximateExpected()) {
            sb.append(" approximate equivariance is expected by the test");
        }
        sb.append("</p>\n");
        if (!recommendations.isEmpty()) {
            sb.append("<h3>Recommendations</h3>\n<ul class=\"recommendations\">\n");
            recommendations.forEach(rec -> sb.append("<li>").append(esc(rec)).append("</li>\n"));
            sb.append("</ul>\n");
        }
        close();
    }

    void elements() {
        if (r.elements().isEmpty()) {
            return;
        }
        List<ElementResult> sorted = new ArrayList<>(r.elements());
        sorted.sort(Comparator.comparingDouble((ElementResult e) -> Double.isNaN(e.maxRelative())
                ? Double.MAX_VALUE : e.maxRelative()).reversed());
        open("elements", "Worst elements");
        elementTable(sorted.subList(0, Math.min(WORST_SHOWN, sorted.size())));
        if (r.elements().size() > WORST_SHOWN) {
            sb.append("<details>\n<summary>All ").append(r.elements().size())
                    .append(" tested elements, in the order tested</summary>\n");
            elementTable(r.elements());
            sb.append("</details>\n");
        }
        close();
    }

    void notes() {
        if (r.notes().isEmpty()) {
            return;
        }
        open("notes", "Notes");
        sb.append("<ul>\n");
        r.notes().forEach(n -> sb.append("<li>").append(esc(n)).append("</li>\n"));
        sb.append("</ul>\n");
        close();
    }

    private void elementTable(List<ElementResult> elements) {
        sb.append("<div class=\"table-scroll\">\n<table>\n<thead><tr><th>Element</th><th>Kind</th>")
                .append("<th class=\"num\">Distance</th>")
                .append("<th class=\"num\">Max relative</th><th class=\"num\">Mean relative</th>")
                .append("<th class=\"num\">Max absolute</th><th>Level</th></tr></thead>\n<tbody>\n");
        for (ElementResult e : elements) {
            sb.append("<tr><td><code>").append(esc(e.element())).append("</code></td><td>")
                    .append(e.edgeCase() ? "edge case" : "random").append("</td><td class=\"num\">")
                    .append(LinearTicks.format(e.distance())).append("</td><td class=\"num\">")
                    .append(TextReport.num(e.maxRelative())).append("</td><td class=\"num\">")
                    .append(TextReport.num(e.meanRelative())).append("</td><td class=\"num\">")
                    .append(TextReport.num(e.maxAbsolute())).append("</td><td>")
                    .append(chip(r.tolerance().classify(e.maxRelative()))).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</div>\n");
    }

    private static String chip(Level level) {
        return "<span class=\"chip " + Palette.levelClass(level) + "\">" + level + "</span>";
    }

    private void open(String id, String title) {
        sb.append("<section class=\"card\" id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
    }

    private void close() {
        sb.append("</section>\n");
    }

    private void fact(String term, String html) {
        sb.append("<dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private void row2(String label, String html, String label2, String html2) {
        sb.append("<tr><td>").append(esc(label)).append("</td><td class=\"num\">").append(html).append("</td><td>")
                .append(esc(label2)).append("</td><td class=\"num\">").append(html2).append("</td></tr>\n");
    }

    private void row(String label, String html) {
        sb.append("<tr><td>").append(esc(label)).append("</td><td>").append(html).append("</td></tr>\n");
    }
}
