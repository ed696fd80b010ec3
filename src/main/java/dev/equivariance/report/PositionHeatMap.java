package dev.equivariance.report;

import java.util.Locale;

/**
 * Plot (d): a heat map of the error at each spatial position of the output (rows by columns), on a log colour
 * scale, for spatial models. Errors concentrated on the border point to padding or boundary handling; the text
 * alternative compares the border and the interior.
 */
final class PositionHeatMap {

    private static final double LEFT = 48;
    private static final double TOP = 16;
    private static final double LEGEND = 150;

    private PositionHeatMap() {
    }

    /** The chart for {@code errors[row][column]}; rows may not be empty and must have equal lengths. */
    static String render(double[][] errors, String id) {
        int rows = errors.length;
        int cols = errors[0].length;
        double cell = Math.max(3, Math.min(28, Math.floor(520.0 / Math.max(rows, cols))));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : errors) {
            for (double v : row) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, Math.log10(v));
                    hi = Math.max(hi, Math.log10(v));
                }
            }
        }
        if (lo > hi) {
            lo = -1;
            hi = 0;
        }
        lo = Math.floor(lo);
        hi = Math.max(Math.ceil(hi), lo + 1);
        int width = (int) Math.ceil(LEFT + cols * cell + 40 + LEGEND);
        int height = (int) Math.ceil(TOP + rows * cell + 40);
        Svg svg = new Svg(id, "plot plot-heatmap", width, height, "Error by output position", describe(errors));
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = errors[i][j];
                String fill = !Double.isFinite(v) ? "#4b4f56" : v <= 0 ? Palette.heat(0)
                        : Palette.heat((Math.log10(v) - lo) / (hi - lo));
                svg.cell(LEFT + j * cell, TOP + i * cell, cell, cell, fill, String.format(Locale.ROOT,
                        "row %d, column %d: %s", i, j, TextReport.num(v)));
            }
        }
        svg.rect(LEFT, TOP, cols * cell, rows * cell, "heat-frame");
        svg.text(LEFT + cols * cell / 2, TOP + rows * cell + 20, "middle", "axis-title",
                "column (0 … " + (cols - 1) + ")");
        svg.verticalText(LEFT - 16, TOP + rows * cell / 2, "axis-title", "row (0 … " + (rows - 1) + ")");
        legend(svg, LEFT + cols * cell + 40, TOP, Math.max(80, rows * cell), (int) lo, (int) hi);
        return svg.end();
    }

    private static void legend(Svg svg, double x, double y, double h, int lo, int hi) {
        int steps = 40;
        for (int s = 0; s < steps; s++) {
            double t = 1 - (s + 0.5) / steps;
            svg.cell(x, y + s * h / steps, 16, h / steps + 0.5, Palette.heat(t), null);
        }
        svg.rect(x, y, 16, h, "heat-frame");
        svg.text(x + 22, y + 10, "start", "tick", LogAxis.label(hi));
        svg.text(x + 22, y + h, "start", "tick", LogAxis.label(lo));
        svg.text(x + 22, y + h / 2 + 4, "start", "legend-text", "relative error");
    }

    /** Text alternative: the size of the map and the mean error on the border vs the interior. */
    static String describe(double[][] errors) {
        int rows = errors.length;
        int cols = errors[0].length;
        double border = 0;
        double interior = 0;
        int nb = 0;
        int ni = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (i == 0 || j == 0 || i == rows - 1 || j == cols - 1) {
                    border += errors[i][j];
                    nb++;
                } else {
                    interior += errors[i][j];
                    ni++;
                }
            }
        }
        String text = String.format(Locale.ROOT, "Heat map of the relative error at each of the %d by %d output "
                + "positions, on a log colour scale. Mean on the border: %s", rows, cols, TextReport.num(border / nb));
        return text + (ni == 0 ? "." : "; in the interior: " + TextReport.num(interior / ni) + ".");
    }
}
