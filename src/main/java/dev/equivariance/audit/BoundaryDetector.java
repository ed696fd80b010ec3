package dev.equivariance.audit;

import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Padding and boundary effects: for actions on a spatial grid (rolls, quarter turns), maps the error per grid
 * position of an activation (the first breaking layer's, or the output) and checks whether it concentrates at the
 * borders, which is what zero padding does to circular shifts.
 */
final class BoundaryDetector {

    /** The finding: the per-position error map and the issue. */
    record Finding(double[][] map, Issue issue) {
    }

    private BoundaryDetector() {
    }

    /**
     * Examines one activation.
     *
     * @param activation computes the activation of interest (as a list of one tensor) for the given model inputs
     * @param rho the action on that activation
     * @param where the activation's name for the report
     */
    static Optional<Finding> examine(AuditedModel model, ShapeContext ctx, List<HostArray> sample, GroupElement g,
                                     Function<List<Tensor>, Tensor> activation, Action rho, String where) {
        return examine(model, ctx, sample, g, activation, rho, where, null);
    }

    /**
     * As {@link #examine(AuditedModel, ShapeContext, List, GroupElement, Function, Action, String)}, for the
     * activation of a layer whose padding the backend reports ({@code zeros}, {@code circular}, ...; null when it
     * reports none), which the evidence then names.
     */
    static Optional<Finding> examine(AuditedModel model, ShapeContext ctx, List<HostArray> sample, GroupElement g,
                                     Function<List<Tensor>, Tensor> activation, Action rho, String where,
                                     String padding) {
        try (TensorScope scope = model.backend().openScope()) {
            List<Tensor> x64 = new ArrayList<>();
            List<Tensor> x = new ArrayList<>();
            List<Tensor> gx = new ArrayList<>();
            for (int k = 0; k < sample.size(); k++) {
                Tensor t = Uploads.exact(model.backend(), sample.get(k));
                x64.add(t);
                x.add(Uploads.inModelType(t, model.dtype()));
                gx.add(Uploads.inModelType(ctx.inputActions.get(k).apply(g, t), model.dtype()));
            }
            Tensor a = activation.apply(x).cast(DType.FLOAT64);
            int[] grid = rho.gridAxes(a.rank());
            if (grid.length != 2) {
                return Optional.empty();
            }
            Tensor diff = activation.apply(gx).cast(DType.FLOAT64).subtract(rho.apply(g, a));
            long[] shape = diff.shape();
            double[] border = borderMask(shape, grid[0], grid[1]);
            double[] moved = rho.apply(g, model.backend().fromDoubles(border, shape, DType.FLOAT64)).toDoubles();
            double[] values = diff.toDoubles();
            double inside = 0;
            double outside = 0;
            int nIn = 0;
            int nOut = 0;
            for (int i = 0; i < values.length; i++) {
                if (border[i] > 0 || moved[i] > 0) {
                    inside += Math.abs(values[i]);
                    nIn++;
                } else {
                    outside += Math.abs(values[i]);
                    nOut++;
                }
            }
            double[][] map = positionMap(values, shape, grid[0], grid[1]);
            return judge(map, where, nIn == 0 ? 0 : inside / nIn, nOut == 0 ? 0 : outside / nOut, g)
                    .map(f -> padding == null ? f : new Finding(f.map(), withPadding(f.issue(), where, padding)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The issue with the layer's padding mode in its evidence (and, for zero padding, the fix to name). */
    private static Issue withPadding(Issue i, String where, String padding) {
        String layer = where.startsWith("layer ") ? where.substring(6) : where;
        String how = padding.equals("zeros") ? "pads with zeros" : "pads with padding mode " + padding;
        String fix = padding.equals("zeros") ? "Use circular padding instead of zeros for translation "
                + "equivariance (PyTorch: padding_mode=\"circular\"; DJL: wrap the opposite edge before an unpadded "
                + "convolution), or crop / mask the border; for rotations use padding symmetric under the turn." : i.fix();
        return new Issue(i.kind(), i.description(), i.location(), i.severity(), fix,
                i.evidence() + "; " + layer + " " + how);
    }

    /** Mean absolute error per (row, column) of the two grid axes, averaged over every other axis. */
    static double[][] positionMap(double[] values, long[] shape, int rowAxis, int colAxis) {
        int h = (int) shape[rowAxis];
        int w = (int) shape[colAxis];
        double[][] map = new double[h][w];
        int[] counts = new int[h * w];
        int rank = shape.length;
        long[] strides = new long[rank];
        long s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        for (int idx = 0; idx < values.length; idx++) {
            int r = (int) ((idx / strides[rowAxis]) % shape[rowAxis]);
            int c = (int) ((idx / strides[colAxis]) % shape[colAxis]);
            map[r][c] += Math.abs(values[idx]);
            counts[r * w + c]++;
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                map[r][c] /= Math.max(1, counts[r * w + c]);
            }
        }
        return map;
    }

    /** The border band: the outer {@code max(1, min(h, w) / 8)} rows and columns of the grid. */
    static int band(long h, long w) {
        return (int) Math.max(1, Math.min(h, w) / 8);
    }

    /** 1 at every element whose grid position lies in the border band, 0 elsewhere. */
    static double[] borderMask(long[] shape, int rowAxis, int colAxis) {
        int rank = shape.length;
        long[] strides = new long[rank];
        long size = 1;
        for (int i = rank - 1; i >= 0; i--) {
            strides[i] = size;
            size *= shape[i];
        }
        long h = shape[rowAxis];
        long w = shape[colAxis];
        int b = band(h, w);
        double[] mask = new double[(int) size];
        for (int idx = 0; idx < mask.length; idx++) {
            long r = (idx / strides[rowAxis]) % h;
            long c = (idx / strides[colAxis]) % w;
            mask[idx] = r < b || c < b || r >= h - b || c >= w - b ? 1 : 0;
        }
        return mask;
    }

    /**
     * Padding shows as error confined to the border band and to where the transformation moves the band (the seam
     * of a circular shift); error elsewhere below a tenth of that means the padding is the cause.
     */
    static Optional<Finding> judge(double[][] map, String where, double atBorder, double elsewhere,
                                   GroupElement g) {
        if (!(atBorder > 0) || elsewhere > 0.1 * atBorder) {
            return Optional.empty();
        }
        int h = map.length;
        int w = map[0].length;
        Issue issue = new Issue(IssueKind.PADDING_BOUNDARY,
                "The error sits at the borders of the grid (and where the transformation moves them) while the rest "
                        + "is exact: the layer's padding treats the edges differently from a circular shift or turn "
                        + "of the grid.", where, Issue.Severity.ERROR,
                "Use circular padding for translation equivariance (pad by wrapping the opposite edge), or crop / "
                        + "mask the border; for rotations use padding symmetric under the turn.",
                String.format(Locale.ROOT, "for g = %s: mean absolute error %.3g in the %d-pixel border band and "
                        + "its image under g, %.3g elsewhere (%dx%d grid)", g, atBorder, band(h, w), elsewhere, h, w));
        return Optional.of(new Finding(map, issue));
    }
}
