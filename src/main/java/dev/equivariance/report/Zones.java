package dev.equivariance.report;

import dev.equivariance.audit.Tolerance;

/**
 * The level regions of a log error axis: tinted bands (passing, approximate, broken) and the dashed pass and
 * broken threshold lines with their labels. Works for an x axis (vertical bands) and a y axis (horizontal bands).
 */
final class Zones {

    private Zones() {
    }

    /** Tints the passing, approximate and broken regions; {@code a0..a1} is the extent across the axis. */
    static void draw(Svg svg, LogAxis axis, Tolerance tol, double a0, double a1) {
        draw(svg, axis, tol, a0, a1, true);
    }

    static void draw(Svg svg, LogAxis axis, Tolerance tol, double a0, double a1, boolean xAxis) {
        double start = axis.decadeStart();
        double pass = axis.map(tol.pass());
        double broken = axis.map(tol.broken());
        double end = axis.decadeEnd();
        band(svg, start, pass, a0, a1, xAxis, "zone zone-pass");
        band(svg, pass, broken, a0, a1, xAxis, "zone zone-approximate");
        band(svg, broken, end, a0, a1, xAxis, "zone zone-broken");
    }

    /** Dashed threshold lines with labels ({@code pass < 1.000e-04}, {@code broken ≥ 1.000e-02}). */
    static void thresholds(Svg svg, LogAxis axis, Tolerance tol, double a0, double a1, boolean xAxis) {
        double pass = axis.map(tol.pass());
        double broken = axis.map(tol.broken());
        boolean same = Math.abs(pass - broken) < 2;
        String passLabel = same ? "pass < " + LogAxis.value(tol.pass()) + " ≤ broken"
                : "pass < " + LogAxis.value(tol.pass());
        if (xAxis) {
            svg.line(pass, a0 - 6, pass, a1, "thr thr-pass");
            svg.text(pass - 5, a0 - 10, "end", "thr-label thr-label-pass", passLabel);
            if (!same) {
                svg.line(broken, a0 - 6, broken, a1, "thr thr-broken");
                svg.text(broken + 5, a0 - 10, "start", "thr-label thr-label-broken",
                        "broken ≥ " + LogAxis.value(tol.broken()));
            }
        } else {
            svg.line(a0, pass, a1 + 4, pass, "thr thr-pass");
            svg.text(a1 - 4, pass + 14, "end", "thr-label thr-label-pass", passLabel);
            if (!same) {
                svg.line(a0, broken, a1 + 4, broken, "thr thr-broken");
                svg.text(a1 - 4, broken - 5, "end", "thr-label thr-label-broken",
                        "broken ≥ " + LogAxis.value(tol.broken()));
            }
        }
    }

    private static void band(Svg svg, double from, double to, double a0, double a1, boolean xAxis, String cls) {
        if (xAxis) {
            svg.rect(Math.min(from, to), a0, Math.abs(to - from), a1 - a0, cls);
        } else {
            svg.rect(a0, Math.min(from, to), a1 - a0, Math.abs(to - from), cls);
        }
    }
}
