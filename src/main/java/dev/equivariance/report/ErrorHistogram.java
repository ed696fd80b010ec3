package dev.equivariance.report;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.ElementResult;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Tolerance;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Plot (a): a histogram of the per-element maximum relative errors on a log10 x axis, bars coloured by level, with
 * the pass and broken thresholds marked and the regions between them tinted.
 */
final class ErrorHistogram {

    private static final int W = 960;
    private static final int H = 300;
    private static final double LEFT = 64;
    private static final double RIGHT = 24;
    private static final double TOP = 40;
    private static final double BOTTOM = 52;

    private ErrorHistogram() {
    }

    static String render(AuditReport r, String id) {
        double[] errors = r.elements().stream().mapToDouble(ElementResult::maxRelative).toArray();
        Tolerance tol = r.tolerance();
        LogAxis x = LogAxis.fit(errors, tol, LEFT, W - RIGHT);
        int perDecade = x.hi - x.lo <= 4 ? 4 : x.hi - x.lo <= 9 ? 2 : 1;
        int bins = (x.hi - x.lo) * perDecade;
        int[] counts = new int[bins];
        int zeros = 0;
        int nonFinite = 0;
        for (double e : errors) {
            if (!Double.isFinite(e)) {
                nonFinite++;
            } else if (e <= 0) {
                zeros++;
            } else {
                int b = (int) Math.floor((Math.log10(e) - x.lo) * perDecade);
                counts[Math.max(0, Math.min(bins - 1, b))]++;
            }
        }
        int maxCount = Math.max(Math.max(zeros, nonFinite), 1);
        for (int c : counts) {
            maxCount = Math.max(maxCount, c);
        }
        double bottom = H - BOTTOM;
        LinearTicks y = LinearTicks.of(0, maxCount + Math.max(1, maxCount / 10.0), 5, true);
        DoubleUnaryOperator yPos = v -> bottom - v / y.max() * (bottom - TOP);

        long passing = Arrays.stream(errors).filter(tol::passes).count();
        long broken = Arrays.stream(errors).filter(e -> tol.classify(e) == Level.BROKEN).count();
        String desc = String.format(Locale.ROOT, "Histogram of the maximum relative error of each of the %d tested "
                        + "group elements, on a log scale. %d pass (below %s); %d are broken (at or above %s).",
                errors.length, passing, TextReport.num(tol.pass()), broken, TextReport.num(tol.broken()));
        Svg svg = new Svg(id, "plot plot-histogram", W, H, "Distribution of per-element errors", desc);

        Zones.draw(svg, x, tol, TOP, bottom);
        for (double t : y.ticks()) {
            svg.line(LEFT, yPos.applyAsDouble(t), W - RIGHT, yPos.applyAsDouble(t), "grid");
            svg.text(LEFT - 8, yPos.applyAsDouble(t) + 4, "end", "tick", LinearTicks.format(t));
        }
        double binWidth = (x.decadeEnd() - x.decadeStart()) / bins;
        for (int b = 0; b < bins; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double from = x.lo + (double) b / perDecade;
            double to = x.lo + (double) (b + 1) / perDecade;
            Level level = tol.classify(Math.pow(10, (from + to) / 2));
            double x0 = x.exponent(from);
            double top = yPos.applyAsDouble(counts[b]);
            svg.rect(x0 + 1, top, binWidth - 2, bottom - top, "bar " + Palette.levelClass(level),
                    String.format(Locale.ROOT, "%d element%s with max relative error in [%s, %s)", counts[b],
                            counts[b] == 1 ? "" : "s", TextReport.num(Math.pow(10, from)),
                            TextReport.num(Math.pow(10, to))));
        }
        double slotBar = LogAxis.SLOT * 0.6;
        if (zeros > 0) {
            double top = yPos.applyAsDouble(zeros);
            svg.rect(x.zeroPosition() - slotBar / 2, top, slotBar, bottom - top, "bar lvl-exact",
                    zeros + " element" + (zeros == 1 ? "" : "s") + " with error exactly 0");
        }
        if (nonFinite > 0) {
            double top = yPos.applyAsDouble(nonFinite);
            svg.rect(x.nanPosition() - slotBar / 2, top, slotBar, bottom - top, "bar lvl-broken",
                    nonFinite + " element" + (nonFinite == 1 ? "" : "s") + " with a NaN or infinite error");
        }
        Zones.thresholds(svg, x, tol, TOP, bottom, true);
        Axes.logX(svg, x, bottom, "largest relative error of the element over all inputs (log scale)");
        svg.line(LEFT, TOP, LEFT, bottom, "axis");
        svg.verticalText(18, (TOP + bottom) / 2, "axis-title", "elements");
        return svg.end();
    }
}
