package dev.equivariance.report;

import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import java.util.Locale;

/** Colours shared by the page and its charts: CSS classes per level and verdict, and the heat-map ramp. */
final class Palette {

    /** Heat-map ramp from small (light cream) to large (deep red) errors. */
    private static final int[][] HEAT = {
            {0xfb, 0xf7, 0xea}, {0xf6, 0xd9, 0x8b}, {0xec, 0x9a, 0x48}, {0xd0, 0x55, 0x2c}, {0x9c, 0x1f, 0x24},
            {0x55, 0x0c, 0x18}};

    private Palette() {
    }

    /** {@code lvl-exact}, {@code lvl-excellent}, {@code lvl-approximate} or {@code lvl-broken}. */
    static String levelClass(Level level) {
        return "lvl-" + level.name().toLowerCase(Locale.ROOT);
    }

    /** {@code verdict-pass}, {@code verdict-needs_attention} or {@code verdict-fail}. */
    static String verdictClass(Verdict verdict) {
        return "verdict-" + verdict.name().toLowerCase(Locale.ROOT);
    }

    /** The ramp's colour at {@code t} in [0, 1], as {@code #rrggbb}. */
    static String heat(double t) {
        t = Math.max(0, Math.min(1, Double.isNaN(t) ? 1 : t));
        double pos = t * (HEAT.length - 1);
        int i = Math.min(HEAT.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        StringBuilder sb = new StringBuilder("#");
        for (int c = 0; c < 3; c++) {
            int v = (int) Math.round(HEAT[i][c] + f * (HEAT[i + 1][c] - HEAT[i][c]));
            sb.append(String.format(Locale.ROOT, "%02x", v));
        }
        return sb.toString();
    }
}
