package dev.equivariance.report;

import java.util.Locale;

/**
 * Builds one inline SVG chart: a {@code <svg>} element with an accessible name ({@code role="img"},
 * {@code <title>} and {@code <desc>} referenced by {@code aria-labelledby}) and simple shapes styled by the page's
 * CSS classes. Coordinates are in viewBox units; the chart scales with the page width.
 */
final class Svg {

    private final StringBuilder sb = new StringBuilder();

    /**
     * @param id unique id on the page, used for the title and description ids
     * @param cssClass class of the svg element, e.g. {@code plot plot-histogram}
     * @param title the chart's short name, read by screen readers and shown as a tooltip
     * @param desc a text alternative: what the chart shows and its main finding
     */
    Svg(String id, String cssClass, int width, int height, String title, String desc) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(id).append("\" class=\"")
                .append(cssClass).append("\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">\n")
                .append("<title id=\"").append(id).append("-title\">").append(Html.esc(title)).append("</title>\n")
                .append("<desc id=\"").append(id).append("-desc\">").append(Html.esc(desc)).append("</desc>\n");
    }

    Svg rect(double x, double y, double w, double h, String cls) {
        return rect(x, y, w, h, cls, null);
    }

    /** A rectangle; {@code tooltip} (may be null) becomes a child {@code <title>}. */
    Svg rect(double x, double y, double w, double h, String cls, String tooltip) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                .append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h))).append('"');
        return close(cls, tooltip, "rect");
    }

    /** A rectangle filled with an explicit colour (heat maps). */
    Svg cell(double x, double y, double w, double h, String fill, String tooltip) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append('"');
        return close(null, tooltip, "rect");
    }

    Svg line(double x1, double y1, double x2, double y2, String cls) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append('"');
        return close(cls, null, "line");
    }

    Svg circle(double cx, double cy, double r, String cls, String tooltip) {
        sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append('"');
        return close(cls, tooltip, "circle");
    }

    /**
     * A circle carrying its data as attributes ({@code data-angle="45"}), so that readers of the page (and tests)
     * get the plotted values without parsing coordinates; {@code data} holds name and value pairs.
     */
    Svg circle(double cx, double cy, double r, String cls, String tooltip, String... data) {
        sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append('"');
        for (int i = 0; i + 1 < data.length; i += 2) {
            sb.append(" data-").append(data[i]).append("=\"").append(Html.esc(data[i + 1])).append('"');
        }
        return close(cls, tooltip, "circle");
    }

    /** A path from SVG path data built with {@link #n(double)}. */
    Svg path(String d, String cls, String tooltip) {
        sb.append("<path d=\"").append(d).append('"');
        return close(cls, tooltip, "path");
    }

    /** A diamond (a square turned 45 degrees) of half-diagonal r. */
    Svg diamond(double cx, double cy, double r, String cls, String tooltip) {
        return path("M" + n(cx) + " " + n(cy - r) + "L" + n(cx + r) + " " + n(cy) + "L" + n(cx) + " " + n(cy + r)
                + "L" + n(cx - r) + " " + n(cy) + "Z", cls, tooltip);
    }

    /** A cross (x mark) of half-size r. */
    Svg cross(double cx, double cy, double r, String cls, String tooltip) {
        return path("M" + n(cx - r) + " " + n(cy - r) + "L" + n(cx + r) + " " + n(cy + r) + "M" + n(cx - r) + " "
                + n(cy + r) + "L" + n(cx + r) + " " + n(cy - r), cls, tooltip);
    }

    /** Text; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String anchor, String cls, String content) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(anchor).append('"');
        if (cls != null) {
            sb.append(" class=\"").append(cls).append('"');
        }
        sb.append('>').append(Html.esc(content)).append("</text>\n");
        return this;
    }

    /** Text rotated by -90 degrees about its anchor (y axis titles). */
    Svg verticalText(double x, double y, String cls, String content) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"middle\"")
                .append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        if (cls != null) {
            sb.append(" class=\"").append(cls).append('"');
        }
        sb.append('>').append(Html.esc(content)).append("</text>\n");
        return this;
    }

    /** Opens a group with a class (and an optional tooltip); close it with {@link #endGroup()}. */
    Svg group(String cls, String tooltip) {
        sb.append("<g");
        if (cls != null) {
            sb.append(" class=\"").append(cls).append('"');
        }
        sb.append(">\n");
        if (tooltip != null) {
            sb.append("<title>").append(Html.esc(tooltip)).append("</title>\n");
        }
        return this;
    }

    Svg endGroup() {
        sb.append("</g>\n");
        return this;
    }

    /** The finished element. */
    String end() {
        return sb + "</svg>\n";
    }

    private Svg close(String cls, String tooltip, String tag) {
        if (cls != null) {
            sb.append(" class=\"").append(cls).append('"');
        }
        if (tooltip == null) {
            sb.append("/>\n");
        } else {
            sb.append("><title>").append(Html.esc(tooltip)).append("</title></").append(tag).append(">\n");
        }
        return this;
    }

    /** A coordinate with at most one decimal. */
    static String n(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}
