package dev.equivariance.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** "Nice" ticks for a linear axis: steps of 1, 2 or 5 times a power of ten, the axis extended to a whole step. */
record LinearTicks(double min, double max, double step) {

    /** Ticks from {@code min} to at least {@code max}, about {@code count} of them; integer steps if asked. */
    static LinearTicks of(double min, double max, int count, boolean integers) {
        if (!(max > min)) {
            max = min + 1;
        }
        double raw = (max - min) / Math.max(1, count);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag <= 1 ? mag : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
        if (integers) {
            step = Math.max(1, Math.round(step));
        }
        double top = Math.ceil(max / step - 1e-9) * step;
        return new LinearTicks(min, top, step);
    }

    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; min + i * step <= max + step * 1e-9; i++) {
            out.add(min + i * step);
        }
        return out;
    }

    /** A tick label: integers without decimals, others with up to three significant digits. */
    static String format(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
