package dev.encodecparity.report;

import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.plot.CodeMapChart;
import dev.encodecparity.plot.RowPlot;
import dev.encodecparity.plot.SpectrogramChart;
import dev.encodecparity.plot.Svg;
import dev.encodecparity.plot.WaveformChart;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The page's table of rows: each row a {@code <tbody>} of its own (its cells, then its plots in a collapsed
 * {@code <details>}), so sorting moves a row and its plots together; the sort keys are data attributes the page's
 * script reads. Failures come first (broken, then failing, then passing rows, each in the run's order), sorted so
 * here, not by the script, so the page reads right without it.
 */
final class HtmlRows {
    /**
     * One row of either report, as the table shows it.
     *
     * @param codes what the codes did, in words
     * @param codesDiffering how many codes differ (the codes column's sort key)
     * @param message what went wrong, one line, or null
     */
    record Row(int index, String clip, double bandwidth, int codebooks, String codes, long codesDiffering,
            double maxAbsError, double snrDb, Verdict verdict, double seconds, String message) {
    }

    /** Column heading, sort key, and whether the key is a number. */
    private record Column(String heading, String key, boolean number) {
    }

    private static final List<Column> COLUMNS = List.of(new Column("#", "index", true),
            new Column("clip", "clip", false), new Column("kbps", "kbps", true),
            new Column("codebooks", "codebooks", true), new Column("codes", "codes", true),
            new Column("max abs error", "err", true), new Column("SNR dB", "snr", true),
            new Column("verdict", "rank", true), new Column("seconds", "secs", true));

    private HtmlRows() {
    }

    static void table(StringBuilder h, HtmlReport.Page p) {
        List<Row> rows = p.rows().stream().sorted(Comparator.comparingInt((Row r) -> rank(r.verdict()))
                .thenComparingInt(Row::index)).toList();
        HtmlReport.section(h, p, "rows-h", "Rows");
        boolean plots = !p.plots().isEmpty();
        if (!plots) {
            h.append("<p class=\"note\" id=\"").append(p.id("no-plots")).append("\">Plots unavailable: this page"
                    + " was ").append(Svg.escape(p.source())).append(". A report holds no audio or codes, so there are"
                    + " no waveforms, spectrograms or code maps to draw; run <code>verify --html</code> or"
                    + " <code>golden check --html</code> to have them. Layer traces above come from the report.</p>\n");
        }
        h.append("<div class=\"controls\" role=\"search\">\n<label for=\"").append(p.id("row-filter"))
                .append("\">Filter rows</label> <input type=\"search\" class=\"row-filter\" id=\"")
                .append(p.id("row-filter")).append("\" placeholder=\"clip name or text\" autocomplete=\"off\">\n"
                + "<label for=\"").append(p.id("verdict-filter")).append("\">Verdict</label> <select"
                + " class=\"verdict-filter\" id=\"").append(p.id("verdict-filter")).append("\"><option value=\"\">any"
                + "</option><option value=\"broken\">broken</option><option value=\"fail\">fail</option><option"
                + " value=\"pass\">pass</option></select>\n");
        if (plots) {
            h.append("<button type=\"button\" data-expand=\"open\">Open every row's plots</button> <button"
                    + " type=\"button\" data-expand=\"close\">Close them</button>\n");
        }
        h.append("<p class=\"rows-shown\" id=\"").append(p.id("rows-shown")).append("\" aria-live=\"polite\">")
                .append(rows.size()).append(" of ").append(rows.size()).append(" rows shown</p>\n</div>\n<table id=\"")
                .append(p.id("rows")).append("\" class=\"rows\">\n<caption>Every row, failures"
                + " first; choose a column heading to sort by it</caption>\n<thead><tr>");
        for (Column c : COLUMNS) {
            h.append("<th scope=\"col\"").append(c.key().equals("rank") ? " aria-sort=\"ascending\"" : "")
                    .append("><button type=\"button\" data-key=\"").append(c.key()).append("\" data-type=\"")
                    .append(c.number() ? "number" : "text").append("\">").append(Svg.escape(c.heading()))
                    .append("</button></th>");
        }
        h.append("<th scope=\"col\">what</th></tr></thead>\n");
        for (Row r : rows) {
            row(h, r, p);
        }
        h.append("</table>\n</section>\n");
    }

    private static void row(StringBuilder h, Row r, HtmlReport.Page p) {
        String name = RunSummary.caseName(r.clip(), r.bandwidth());
        String word = r.verdict().word();
        h.append("<tbody class=\"row v-").append(word).append("\" data-index=\"").append(r.index())
                .append("\" data-clip=\"").append(Svg.escape(r.clip())).append("\" data-kbps=\"").append(r.bandwidth())
                .append("\" data-codebooks=\"").append(r.codebooks()).append("\" data-codes=\"")
                .append(r.codesDiffering()).append("\" data-err=\"").append(key(r.maxAbsError()))
                .append("\" data-snr=\"").append(key(r.snrDb())).append("\" data-rank=\"").append(rank(r.verdict()))
                .append("\" data-secs=\"").append(key(r.seconds())).append("\" data-verdict=\"").append(word)
                .append("\" data-text=\"").append(Svg.escape((name + " " + word + " " + (r.message() == null ? ""
                        : r.message())).toLowerCase(Locale.ROOT))).append("\">\n<tr><td>").append(r.index())
                .append("</td><th scope=\"row\">").append(Svg.escape(r.clip())).append("</th><td>")
                .append(RunSummary.number(r.bandwidth())).append("</td><td>").append(r.codebooks()).append("</td><td>")
                .append(Svg.escape(r.codes())).append("</td><td>").append(Svg.escape(Svg.value(r.maxAbsError())))
                .append("</td><td>").append(db(r.snrDb())).append("</td><td class=\"verdict-cell\">")
                .append(r.verdict().rowWord()).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append("</td><td>")
                .append(r.message() == null ? "" : Svg.escape(r.message())).append("</td></tr>\n");
        RowPlot plot = p.plots().of(r.index());
        if (plot != null) {
            h.append("<tr class=\"plots-row\"><td colspan=\"").append(COLUMNS.size() + 1)
                    .append("\"><details id=\"row-").append(p.id("")).append(r.index()).append("\"><summary>Plots of ")
                    .append(Svg.escape(name)).append("</summary>\n");
            plots(h, plot, r, p);
            h.append("</details></td></tr>\n");
        }
        h.append("</tbody>\n");
    }

    private static void plots(StringBuilder h, RowPlot plot, Row r, HtmlReport.Page p) {
        String id = p.id("r" + r.index());
        h.append("<div class=\"plots\">\n").append(WaveformChart.render(id + "-wave", plot)).append("\n<div"
                + " class=\"specs\">").append(SpectrogramChart.render(id + "-spec", plot.input(), "the clip",
                        Double.NaN));
        if (plot.difference() == null) {
            h.append("<p class=\"note\">No spectrogram of the difference: the two decodes are identical.</p>");
        } else {
            h.append(SpectrogramChart.render(id + "-dspec", plot.difference(), plot.labelB() + " − "
                    + plot.labelA(), plot.input().maxDb()));
        }
        h.append("</div>\n");
        if (plot.codes() == null) {
            h.append("<p class=\"note\">No code map: ").append(Svg.escape(plot.codesNote())).append(".</p>\n");
        } else {
            h.append(CodeMapChart.render(id + "-codes", plot.codes(), plot.labelA(), plot.labelB())).append('\n');
        }
        for (int i = 0; i < p.traces().size(); i++) {
            LayerProfile t = p.traces().get(i).profile();
            if (t.clip().equals(r.clip())) {
                h.append("<p>Layer trace of this clip: <a href=\"#").append(p.id("trace-")).append(i).append("\">")
                        .append(Svg.escape(p.traces().get(i).title())).append("</a>.</p>\n");
            }
        }
        h.append("</div>\n");
    }

    /** Broken rows first, then failing ones, then passing. */
    static int rank(Verdict v) {
        return v == Verdict.BROKEN ? 0 : v == Verdict.FAIL ? 1 : 2;
    }

    /** A sort key the script reads as a number: infinities spelled as JavaScript does, NaN last. */
    private static String key(double v) {
        if (Double.isNaN(v)) {
            return "Infinity";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(v);
    }

    private static String db(double v) {
        return Double.isInfinite(v) && v > 0 ? "∞ (identical)" : Double.isNaN(v) ? "not a number"
                : String.format(Locale.ROOT, "%.1f", v);
    }
}
