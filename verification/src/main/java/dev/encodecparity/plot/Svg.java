package dev.encodecparity.plot;

import java.util.Locale;

/**
 * A chart as inline SVG text, the way the page wants every chart: an image role, a title and a description that name
 * it for a screen reader, and coordinates rounded to a tenth of a unit, because a page of a few hundred charts must
 * stay small. Colours and strokes come from the page's style sheet, by class.
 */
public final class Svg {
    private final StringBuilder out = new StringBuilder();

    private Svg() {
    }

    /**
     * A chart of {@code width} × {@code height} units (it scales to the page's width), named by {@code title} and
     * described by {@code desc}, whose element ids start with {@code id}.
     */
    static Svg chart(String id, String cls, int width, int height, String title, String desc) {
        Svg s = new Svg();
        s.out.append("<svg class=\"chart ").append(cls).append("\" id=\"")
                .append(escape(id)).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(escape(id)).append("-t ").append(escape(id))
                .append("-d\"><title id=\"").append(escape(id)).append("-t\">").append(escape(title))
                .append("</title><desc id=\"").append(escape(id)).append("-d\">").append(escape(desc))
                .append("</desc>");
        return s;
    }

    Svg rect(double x, double y, double w, double h, String cls) {
        out.append("<rect class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(Math.max(0, w))).append("\" height=\"").append(num(Math.max(0, h)))
                .append("\"/>");
        return this;
    }

    /** A rectangle with a tooltip (its own title), for a bar a reader may point at. */
    Svg rect(double x, double y, double w, double h, String cls, String tooltip) {
        out.append("<rect class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(Math.max(0, w))).append("\" height=\"").append(num(Math.max(0, h)))
                .append("\"><title>").append(escape(tooltip)).append("</title></rect>");
        return this;
    }

    Svg path(CharSequence d, String cls) {
        if (d.length() > 0) {
            out.append("<path class=\"").append(cls).append("\" d=\"").append(d).append("\"/>");
        }
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cls) {
        return path("M" + num(x1) + " " + num(y1) + "L" + num(x2) + " " + num(y2), cls);
    }

    /** Text at {@code (x, y)}; {@code anchor} is "start", "middle" or "end". */
    Svg text(double x, double y, String text, String cls, String anchor) {
        out.append("<text class=\"").append(cls).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append('"');
        if (!"start".equals(anchor)) {
            out.append(" text-anchor=\"").append(anchor).append('"');
        }
        out.append('>').append(escape(text)).append("</text>");
        return this;
    }

    /** A group drawn in grid units: {@code x0 + column * sx}, {@code y0 + row * sy}. */
    Svg grid(double x0, double y0, double sx, double sy) {
        out.append("<g transform=\"translate(").append(num(x0)).append(' ').append(num(y0)).append(") scale(")
                .append(String.format(Locale.ROOT, "%.4g %.4g", sx, sy)).append(")\">");
        return this;
    }

    Svg end() {
        out.append("</g>");
        return this;
    }

    String close() {
        return out.append("</svg>").toString();
    }

    /** A coordinate to a tenth of a unit: "12", "12.5", "-0.3". */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        if (tenths % 10 == 0) {
            return Long.toString(tenths / 10);
        }
        return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
    }

    /** Text fit for HTML or SVG, in an element or an attribute. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** A measured value as a reader reads it: "0", "1.2e-05", "0.0312", "not a number". */
    public static String value(double v) {
        if (Double.isNaN(v)) {
            return "not a number";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "infinite" : "negative infinite";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.3g", v).replaceAll("(\\.\\d*?)0+$", "$1")
                .replaceAll("\\.$", "") : String.format(Locale.ROOT, "%.2e", v);
    }
}
