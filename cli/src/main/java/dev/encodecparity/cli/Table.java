package dev.encodecparity.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the terminal: columns sized to their widest cell, numbers right-aligned. */
final class Table {
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?(e[-+][0-9]+)?|-?inf|n/a");
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    void print(PrintWriter out) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        line(out, header, width);
        for (List<String> r : rows) {
            line(out, r, width);
        }
        out.flush();
    }

    private static void line(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean number = NUMBER.matcher(c).matches();
            s.append(i == 0 ? "" : "  ").append(number ? pad(c, width[i], true) : pad(c, width[i], false));
        }
        out.println(s.toString().stripTrailing());
    }

    private static String pad(String s, int w, boolean left) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return left ? fill + s : s + fill;
    }

    /** 1.23e-07, or 0 for exact zero. */
    static String sci(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v == 0 ? "0" : String.format("%.2e", v);
    }

    static String db(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format("%.1f", v);
    }

    /** "0.9" for 0.9, "24" for 24.0. */
    static String kbps(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
