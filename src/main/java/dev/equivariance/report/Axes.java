package dev.equivariance.report;

/** Draws the axes of the charts: a log error axis (x or y) with decade ticks and the zero and NaN slots. */
final class Axes {

    private Axes() {
    }

    /** A log x axis along {@code y = baseline}, with tick labels below and a title under them. */
    static void logX(Svg svg, LogAxis x, double baseline, String title) {
        svg.line(x.decadeStart(), baseline, x.decadeEnd(), baseline, "axis");
        for (int k = x.lo; k <= x.hi; k++) {
            svg.line(x.decade(k), baseline, x.decade(k), baseline + 5, "axis");
        }
        for (int k : x.labelledDecades(12)) {
            svg.text(x.decade(k), baseline + 19, "middle", "tick", LogAxis.label(k));
        }
        if (x.zeroSlot) {
            svg.text(x.zeroPosition(), baseline + 19, "middle", "tick tick-special", "0");
            svg.path(brk(x.decadeStart() - 4, baseline), "axis-break", null);
        }
        if (x.nanSlot) {
            svg.text(x.nanPosition(), baseline + 19, "middle", "tick tick-special", "NaN");
            svg.path(brk(x.decadeEnd() + 4, baseline), "axis-break", null);
        }
        double mid = (x.decadeStart() + x.decadeEnd()) / 2;
        svg.text(mid, baseline + 40, "middle", "axis-title", title);
    }

    /** A log y axis along {@code x = left}, with gridlines to {@code right} and labels to the left. */
    static void logY(Svg svg, LogAxis y, double left, double right, String title, double titleX) {
        for (int k = y.lo; k <= y.hi; k++) {
            svg.line(left, y.decade(k), right, y.decade(k), "grid");
        }
        svg.line(left, y.decadeStart(), left, y.decadeEnd(), "axis");
        for (int k : y.labelledDecades(9)) {
            svg.text(left - 8, y.decade(k) + 4, "end", "tick", LogAxis.label(k));
        }
        if (y.zeroSlot) {
            svg.text(left - 8, y.zeroPosition() + 4, "end", "tick tick-special", "0");
        }
        if (y.nanSlot) {
            svg.text(left - 8, y.nanPosition() + 4, "end", "tick tick-special", "NaN");
        }
        svg.verticalText(titleX, (y.decadeStart() + y.decadeEnd()) / 2, "axis-title", title);
    }

    /** A small double-slash axis-break mark centred at (x, y). */
    private static String brk(double x, double y) {
        return "M" + Svg.n(x - 5) + " " + Svg.n(y + 5) + "L" + Svg.n(x - 1) + " " + Svg.n(y - 5) + "M"
                + Svg.n(x + 1) + " " + Svg.n(y + 5) + "L" + Svg.n(x + 5) + " " + Svg.n(y - 5);
    }
}
