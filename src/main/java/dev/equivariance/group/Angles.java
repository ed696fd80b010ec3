package dev.equivariance.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Angle helpers shared by the rotation groups: normalisation, "nice" angles and shrink candidates. */
final class Angles {

    /** Angles people recognise, smallest first. */
    static final double[] NICE = {Math.PI / 12, Math.PI / 8, Math.PI / 6, Math.PI / 4, Math.PI / 3, Math.PI / 2,
        2 * Math.PI / 3, 3 * Math.PI / 4, Math.PI};

    private static final double[] FRACTIONS = {0.5, 0.75, 0.9, 0.97, 0.99, 0.997, 0.999, 0.9997};

    private Angles() {
    }

    /** Maps an angle to (-pi, pi]. */
    static double wrap(double angle) {
        double a = Math.IEEEremainder(angle, 2 * Math.PI);
        return a <= -Math.PI ? a + 2 * Math.PI : a;
    }

    static boolean isNice(double angle) {
        double a = Math.abs(angle);
        if (a < 1e-12) {
            return true;
        }
        for (double n : NICE) {
            if (Math.abs(a - n) < 1e-9) {
                return true;
            }
        }
        return false;
    }

    /** The complexity of a rotation angle: its size, with a small bonus for nice angles. */
    static double complexity(double angle) {
        double a = Math.abs(angle);
        return a + (isNice(a) ? 0 : 0.02);
    }

    /** Smaller candidate magnitudes for a positive angle: nice angles below it, then fractions closing in on it. */
    static List<Double> shrinkMagnitudes(double magnitude) {
        List<Double> out = new ArrayList<>();
        for (double n : NICE) {
            if (n < magnitude + 0.02 - 1e-12 && Math.abs(n - magnitude) > 1e-12) {
                out.add(n);
            }
        }
        for (double f : FRACTIONS) {
            out.add(magnitude * f);
        }
        return out;
    }

    static String format(double angle) {
        for (int d = 2; d <= 8; d++) {
            if (Math.abs(angle) >= Math.pow(10, 1 - d) || d == 8) {
                return fixed(angle, d);
            }
        }
        return Double.toString(angle);
    }

    static String formatAxis(double[] axis) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < axis.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            double v = Math.abs(axis[i]) < 5e-13 ? 0 : axis[i];
            if (Math.abs(v - Math.rint(v)) < 1e-12) {
                sb.append((long) Math.rint(v));
            } else {
                sb.append(fixed(v, 2));
            }
        }
        return sb.append(')').toString();
    }

    /**
     * {@code String.format(Locale.ROOT, "%.<digits>f", v)}, about five times faster (element names are printed for
     * every element of every audit): the shortest decimal of v rounded half up, negative values that round to zero
     * keeping their sign, as the formatter does.
     */
    static String fixed(double v, int digits) {
        if (!Double.isFinite(v)) {
            return String.format(Locale.ROOT, "%." + digits + "f", v);
        }
        String s = java.math.BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_UP).toPlainString();
        boolean negative = v < 0 || v == 0 && 1 / v < 0;
        return negative && !s.startsWith("-") ? "-" + s : s;
    }
}
