package dev.equivariance.report;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.LayerResult;
import dev.equivariance.audit.Tolerance;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;

/**
 * Plot (c): one row per layer in network order; a bar for the error of the activation after the layer
 * (propagated from the input) and a dot for the layer's own error (run alone), on a log scale, with the first
 * breaking layer highlighted. Only drawn when the audit has layer results.
 */
final class LayerChart {

    private static final int W = 960;
    private static final double LABELS = 250;
    private static final double RIGHT = 130;
    private static final double TOP = 64;
    private static final double BOTTOM = 56;
    private static final double ROW = 28;

    private LayerChart() {
    }

    static String render(AuditReport r, String id) {
        List<LayerResult> layers = r.layers();
        Tolerance tol = r.tolerance();
        // A NaN local error means "not computed" (the layer cannot run alone): it takes no place on the axis.
        double[] values = layers.stream().flatMapToDouble(l -> Double.isNaN(l.localError())
                ? DoubleStream.of(l.propagatedError()) : DoubleStream.of(l.propagatedError(), l.localError()))
                .toArray();
        double bottom = TOP + layers.size() * ROW;
        int height = (int) Math.ceil(bottom + BOTTOM);
        LogAxis x = LogAxis.fit(values, tol, LABELS, W - RIGHT);
        String first = r.firstBreakingLayer().map(l -> l.name() + " (" + l.kind() + ")").orElse("none");
        String desc = String.format(Locale.ROOT, "Bar chart of the relative error after each of the %d layers, in "
                + "network order, on a log scale, with each layer's own error as a dot. First breaking layer: %s.",
                layers.size(), first);
        Svg svg = new Svg(id, "plot plot-layers", W, height, "Error by layer", desc);
        Zones.draw(svg, x, tol, TOP, bottom);
        for (int i = 0; i < layers.size(); i++) {
            LayerResult l = layers.get(i);
            double rowTop = TOP + i * ROW;
            double mid = rowTop + ROW / 2;
            if (l.firstBreaking()) {
                svg.rect(4, rowTop + 1, W - 8, ROW - 2, "row-breaking");
            }
            String label = shorten(l.name(), 28);
            svg.group(l.firstBreaking() ? "layer layer-breaking" : "layer", l.name() + " (" + l.kind() + "), "
                    + l.action() + ": error after the layer " + TextReport.num(l.propagatedError())
                    + ", layer alone " + TextReport.num(l.localError()) + ", " + l.level());
            svg.text(LABELS - 12, mid + 4, "end", l.firstBreaking() ? "layer-label layer-label-breaking"
                    : "layer-label", label);
            double end = x.map(l.propagatedError());
            double start = x.zeroSlot ? x.zeroPosition() - 4 : x.decadeStart();
            svg.rect(start, rowTop + 6, end - start, ROW - 12, "bar " + Palette.levelClass(l.level()));
            if (!Double.isNaN(l.localError())) {
                svg.circle(x.map(l.localError()), mid, 4, "pt-local", null);
            }
            if (l.firstBreaking()) {
                svg.text(W - RIGHT + 10, mid + 4, "start", "breaking-label", "◀ first breaking");
            }
            svg.endGroup();
        }
        Zones.thresholds(svg, x, tol, TOP, bottom, true);
        Axes.logX(svg, x, bottom, "relative error (log scale)");
        svg.group("legend", null);
        svg.rect(LABELS, 12, 22, 12, "bar lvl-excellent");
        svg.text(LABELS + 30, 22, "start", "legend-text", "error after the layer (from the input)");
        svg.circle(LABELS + 330, 18, 4, "pt-local", null);
        svg.text(LABELS + 342, 22, "start", "legend-text", "the layer alone");
        svg.endGroup();
        return svg.end();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
