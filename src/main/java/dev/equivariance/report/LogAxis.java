package dev.equivariance.report;

import dev.equivariance.audit.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * A base-10 logarithmic axis for errors, spanning whole decades from {@code lo} to {@code hi}, mapped onto a pixel
 * range {@code p0 -> p1} (either direction). Values a log scale cannot show get their own slots outside the
 * decades: exact zeros a slot before {@code p0}'s decade, non-finite values (NaN, Infinity) a slot after the last
 * decade, each labelled on the axis ("0", "NaN").
 */
final class LogAxis {

    /** Pixels reserved for the zero and the non-finite slot. */
    static final double SLOT = 44;
    /** At most this many decades are shown; smaller positive values sit on the first decade. */
    static final int MAX_DECADES = 18;

    final int lo;
    final int hi;
    final boolean zeroSlot;
    final boolean nanSlot;
    private final double p0;
    private final double p1;
    private final double d0;
    private final double d1;

    private LogAxis(int lo, int hi, boolean zeroSlot, boolean nanSlot, double p0, double p1) {
        this.lo = lo;
        this.hi = hi;
        this.zeroSlot = zeroSlot;
        this.nanSlot = nanSlot;
        this.p0 = p0;
        this.p1 = p1;
        double dir = Math.signum(p1 - p0);
        this.d0 = p0 + (zeroSlot ? dir * SLOT : 0);
        this.d1 = p1 - (nanSlot ? dir * SLOT : 0);
    }

    /**
     * An axis covering the given errors and the tolerance's pass and broken thresholds (with a decade of headroom
     * above the broken threshold, so the failing region is always visible).
     */
    static LogAxis fit(double[] values, Tolerance tolerance, double p0, double p1) {
        double min = tolerance.pass();
        double max = tolerance.broken() * 10;
        boolean zero = false;
        boolean nan = false;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                nan = true;
            } else if (v <= 0) {
                zero = true;
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        int hi = (int) Math.ceil(Math.log10(max) - 1e-9);
        int lo = (int) Math.floor(Math.log10(min) + 1e-9);
        lo = Math.min(lo, (int) Math.floor(Math.log10(tolerance.pass())) - 1);
        lo = Math.max(lo, hi - MAX_DECADES);
        if (hi <= lo) {
            hi = lo + 1;
        }
        return new LogAxis(lo, hi, zero, nan, p0, p1);
    }

    /** The pixel position of a value: its decade position, or the zero or non-finite slot. */
    double map(double v) {
        if (!Double.isFinite(v)) {
            return nanPosition();
        }
        if (v <= 0) {
            return zeroPosition();
        }
        double t = (Math.log10(v) - lo) / (hi - lo);
        t = Math.max(0, Math.min(1, t));
        return d0 + t * (d1 - d0);
    }

    /** Position of decade {@code k} (10^k). */
    double decade(int k) {
        return d0 + (double) (k - lo) / (hi - lo) * (d1 - d0);
    }

    /** Position of a fractional exponent (for histogram bin edges). */
    double exponent(double e) {
        return d0 + (e - lo) / (hi - lo) * (d1 - d0);
    }

    double zeroPosition() {
        return p0 + Math.signum(p1 - p0) * SLOT * 0.3;
    }

    double nanPosition() {
        return p1 - Math.signum(p1 - p0) * SLOT * 0.3;
    }

    /** Start and end of the decade range (excluding slots). */
    double decadeStart() {
        return d0;
    }

    double decadeEnd() {
        return d1;
    }

    /** The decades to label, thinned so that at most {@code maxLabels} appear. */
    List<Integer> labelledDecades(int maxLabels) {
        int step = Math.max(1, (int) Math.ceil((hi - lo) / (double) Math.max(1, maxLabels - 1)));
        List<Integer> out = new ArrayList<>();
        for (int k = hi; k >= lo; k -= step) {
            out.add(0, k);
        }
        return out;
    }

    /** A threshold for a label: {@code 10⁻⁴} for a power of ten, else as in the text report. */
    static String value(double v) {
        double e = Math.log10(v);
        if (v > 0 && Math.abs(e - Math.rint(e)) < 1e-9) {
            return label((int) Math.rint(e));
        }
        return TextReport.num(v);
    }

    /** {@code 10⁻⁶} for -6: a power of ten with a superscript exponent. */
    static String label(int exponent) {
        StringBuilder sb = new StringBuilder("10");
        for (char c : Integer.toString(exponent).toCharArray()) {
            sb.append(switch (c) {
                case '-' -> '\u207B';
                case '1' -> '\u00B9';
                case '2' -> '\u00B2';
                case '3' -> '\u00B3';
                default -> (char) ('\u2070' + (c - '0'));
            });
        }
        return sb.toString();
    }
}
