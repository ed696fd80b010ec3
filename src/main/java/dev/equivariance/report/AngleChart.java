package dev.equivariance.report;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.ElementResult;
import dev.equivariance.audit.Tolerance;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Plot (c), for groups of planar rotations (C(N), D(N), C4/D4, SO(2), O(2)): each element's maximum relative error
 * (log y) against its rotation angle (0 to 360 degrees), with guides at the multiples of 90 degrees. A rotated image
 * grid is exact at quarter turns and interpolated in between, so a discretisation error shows as low points on the
 * guides and higher ones between them; a bug is high everywhere. Each point carries {@code data-angle},
 * {@code data-error} and {@code data-reflected}.
 */
final class AngleChart {

    private static final int W = 960;
    private static final int H = 340;
    private static final double LEFT = 72;
    private static final double RIGHT = 24;
    private static final double TOP = 44;
    private static final double BOTTOM = 56;

    private AngleChart() {
    }

    /** Whether the report has elements with an angle to plot. */
    static boolean applies(AuditReport r) {
        return r.elements().stream().anyMatch(ElementResult::hasAngle);
    }

    static String render(AuditReport r, String id) {
        Tolerance tol = r.tolerance();
        List<ElementResult> points = r.elements().stream().filter(ElementResult::hasAngle)
                .sorted(Comparator.comparingDouble(ElementResult::angleDegrees)).toList();
        double[] errors = points.stream().mapToDouble(ElementResult::maxRelative).toArray();
        double bottom = H - BOTTOM;
        LogAxis y = LogAxis.fit(errors, tol, bottom, TOP);
        double plotLeft = LEFT + 10;
        double plotRight = W - RIGHT - 10;
        DoubleUnaryOperator xPos = d -> plotLeft + d / 360.0 * (plotRight - plotLeft);

        Svg svg = new Svg(id, "plot plot-angle", W, H, "Error against rotation angle", description(points));
        Zones.draw(svg, y, tol, LEFT, W - RIGHT, false);
        Axes.logY(svg, y, LEFT, W - RIGHT, "max relative error (log scale)", 20);
        svg.line(LEFT, bottom, W - RIGHT, bottom, "axis");
        svg.group("quarter-turns", "Multiples of 90°: a rotated grid is exact here");
        for (int deg = 0; deg <= 360; deg += 90) {
            svg.line(xPos.applyAsDouble(deg), TOP, xPos.applyAsDouble(deg), bottom, "guide");
        }
        svg.endGroup();
        for (int deg = 0; deg <= 360; deg += 45) {
            svg.line(xPos.applyAsDouble(deg), bottom, xPos.applyAsDouble(deg), bottom + 5, "axis");
            svg.text(xPos.applyAsDouble(deg), bottom + 19, "middle", "tick", deg + "°");
        }
        svg.text((plotLeft + plotRight) / 2, bottom + 42, "middle", "axis-title",
                "rotation angle of the element (degrees, counter-clockwise)");
        Zones.thresholds(svg, y, tol, LEFT, W - RIGHT, false);

        StringBuilder d = new StringBuilder();
        for (ElementResult e : points) {
            if (!e.reflected() && Double.isFinite(e.maxRelative())) {
                d.append(d.length() == 0 ? "M" : "L").append(Svg.n(xPos.applyAsDouble(e.angleDegrees()))).append(' ')
                        .append(Svg.n(y.map(e.maxRelative())));
            }
        }
        if (d.length() > 0) {
            svg.path(d.toString(), "angle-line", null);
        }
        svg.group("points", null);
        for (ElementResult e : points) {
            double px = xPos.applyAsDouble(e.angleDegrees());
            double py = y.map(e.maxRelative());
            String angle = LinearTicks.format(e.angleDegrees());
            String tip = String.format(Locale.ROOT, "%s: %s°, max relative error %s", e.element(), angle,
                    TextReport.num(e.maxRelative()));
            svg.circle(px, py, e.reflected() ? 5.5 : 4.5, e.reflected() ? "pt pt-edge" : "pt pt-random", tip,
                    "angle", Double.toString(e.angleDegrees()), "error", Double.toString(e.maxRelative()),
                    "reflected", Boolean.toString(e.reflected()));
        }
        svg.endGroup();
        return svg.end();
    }

    /** The text alternative: the worst error on the quarter turns and between them. */
    private static String description(List<ElementResult> points) {
        double onQuarter = 0;
        double between = 0;
        boolean anyBetween = false;
        for (ElementResult e : points) {
            double q = e.angleDegrees() / 90;
            if (Math.abs(q - Math.rint(q)) < 1e-11) {
                onQuarter = Math.max(onQuarter, e.maxRelative());
            } else {
                anyBetween = true;
                between = Math.max(between, e.maxRelative());
            }
        }
        return String.format(Locale.ROOT, "Maximum relative error (log scale) of each of the %d tested rotations "
                + "against its angle, with guides at multiples of 90 degrees. Largest error at multiples of 90 "
                + "degrees: %s%s", points.size(), TextReport.num(onQuarter),
                anyBetween ? "; between them: " + TextReport.num(between) + "." : ".");
    }
}
