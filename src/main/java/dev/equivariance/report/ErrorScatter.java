package dev.equivariance.report;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Counterexample;
import dev.equivariance.audit.ElementResult;
import dev.equivariance.audit.Tolerance;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Plot (b): each element's maximum relative error (log y) against its distance from the identity (linear x).
 * Edge cases are diamonds, random elements circles; the element the counterexample was shrunk from is ringed.
 * An error that grows with the distance points to an approximation (interpolation, discretisation); a flat high
 * error points to a structural break.
 */
final class ErrorScatter {

    private static final int W = 960;
    private static final int H = 360;
    private static final double LEFT = 72;
    private static final double RIGHT = 24;
    private static final double TOP = 44;
    private static final double BOTTOM = 56;

    private ErrorScatter() {
    }

    static String render(AuditReport r, String id) {
        Tolerance tol = r.tolerance();
        double[] errors = r.elements().stream().mapToDouble(ElementResult::maxRelative).toArray();
        double bottom = H - BOTTOM;
        LogAxis y = LogAxis.fit(errors, tol, bottom, TOP);
        double maxDistance = r.elements().stream().mapToDouble(ElementResult::distance)
                .filter(Double::isFinite).max().orElse(1);
        LinearTicks x = LinearTicks.of(0, maxDistance > 0 ? maxDistance : 1, 8, false);
        double plotLeft = LEFT + 10;
        double plotRight = W - RIGHT - 10;
        DoubleUnaryOperator xPos = d -> plotLeft + d / x.max() * (plotRight - plotLeft);

        String ceElement = r.counterexample().map(Counterexample::originalElement).orElse(null);
        long edge = r.elements().stream().filter(ElementResult::edgeCase).count();
        String desc = String.format(Locale.ROOT, "Scatter plot of the maximum relative error (log scale) of each of "
                        + "the %d tested elements against its distance from the identity (%d edge cases drawn as "
                        + "diamonds, %d random elements as circles). %s", errors.length, edge, errors.length - edge,
                trend(r));
        Svg svg = new Svg(id, "plot plot-scatter", W, H, "Error against distance from the identity", desc);
        Zones.draw(svg, y, tol, LEFT, W - RIGHT, false);
        Axes.logY(svg, y, LEFT, W - RIGHT, "max relative error (log scale)", 20);
        svg.line(LEFT, bottom, W - RIGHT, bottom, "axis");
        for (double t : x.ticks()) {
            svg.line(xPos.applyAsDouble(t), bottom, xPos.applyAsDouble(t), bottom + 5, "axis");
            svg.text(xPos.applyAsDouble(t), bottom + 19, "middle", "tick", LinearTicks.format(t));
        }
        svg.text((plotLeft + plotRight) / 2, bottom + 42, "middle", "axis-title",
                "distance of the element from the identity (angle in rad, moved points, or shift)");
        Zones.thresholds(svg, y, tol, LEFT, W - RIGHT, false);

        svg.group("points", null);
        for (ElementResult e : r.elements()) {
            double px = xPos.applyAsDouble(Double.isFinite(e.distance()) ? e.distance() : 0);
            double py = y.map(e.maxRelative());
            String tip = String.format(Locale.ROOT, "%s: max relative error %s, distance %s%s", e.element(),
                    TextReport.num(e.maxRelative()), LinearTicks.format(e.distance()),
                    e.edgeCase() ? " (edge case)" : "");
            if (!Double.isFinite(e.maxRelative())) {
                svg.cross(px, py, 5, "pt pt-nan", tip);
            } else if (e.edgeCase()) {
                svg.diamond(px, py, 6, "pt pt-edge", tip);
            } else {
                svg.circle(px, py, 4.5, "pt pt-random", tip);
            }
            if (e.element().equals(ceElement)) {
                svg.circle(px, py, 10, "pt-ce", "Counterexample search started here: " + e.element());
                ceElement = null;
            }
        }
        svg.endGroup();
        legend(svg, r.counterexample().isPresent());
        return svg.end();
    }

    private static void legend(Svg svg, boolean counterexample) {
        double x = LEFT;
        double y = 18;
        svg.group("legend", null);
        svg.diamond(x + 6, y - 4, 6, "pt pt-edge", null);
        String edge = "edge case (identity, generators, quarter turns, …)";
        svg.text(x + 18, y, "start", "legend-text", edge);
        x += 18 + textWidth(edge) + 28;
        svg.circle(x + 6, y - 4, 4.5, "pt pt-random", null);
        svg.text(x + 18, y, "start", "legend-text", "random element");
        x += 18 + textWidth("random element") + 28;
        if (counterexample) {
            svg.circle(x + 6, y - 4, 8, "pt-ce", null);
            svg.text(x + 20, y, "start", "legend-text", "where shrinking started");
        }
        svg.endGroup();
    }

    /** A generous estimate of the width of legend text at 13px in a sans-serif font. */
    static double textWidth(String s) {
        return s.length() * 7.4;
    }

    /** A sentence on how the error depends on the distance, for the text alternative. */
    private static String trend(AuditReport r) {
        double median = r.elements().stream().mapToDouble(ElementResult::distance).sorted()
                .skip(r.elements().size() / 2).findFirst().orElse(0);
        double nearMax = 0;
        double farMax = 0;
        boolean far = false;
        for (ElementResult e : r.elements()) {
            // Math.max keeps NaN, so a NaN error shows in the sentence.
            if (e.distance() <= median) {
                nearMax = Math.max(nearMax, e.maxRelative());
            } else {
                far = true;
                farMax = Math.max(farMax, e.maxRelative());
            }
        }
        if (!far) {
            return "Largest error: " + TextReport.num(nearMax) + ".";
        }
        return String.format(Locale.ROOT, "Largest error up to the median distance %s: %s; beyond it: %s.",
                LinearTicks.format(median), TextReport.num(nearMax), TextReport.num(farMax));
    }
}
