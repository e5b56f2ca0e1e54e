package dev.encodecparity.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.JsonDocument;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.golden.GoldenCheck;
import dev.encodecparity.plot.LayerChart;
import dev.encodecparity.plot.RowPlots;
import dev.encodecparity.plot.Svg;
import dev.encodecparity.verify.VerifyReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run of verify or golden check as one self-contained HTML page: it opens from disk with nothing fetched (style,
 * script and charts inline, no fonts or images from elsewhere). At the top the verdict, the counts, where a failure
 * starts and the provenance; then the layer traces; then every row in a table that sorts and filters, failures first,
 * each row's plots ({@link HtmlRows}) collapsed until asked for. Made during the run ({@code --html}) with the plot
 * data the run collected, or afterwards from a saved JSON report ({@code report html}), which holds no audio: the page
 * then says its plots are unavailable and draws what the report has.
 */
public final class HtmlReport {
    /** Marks a page as this tool's, so {@code --force} may replace it ({@link ReportFiles#HTML}). */
    public static final String MARK = "<meta name=\"generator\" content=\"" + ToolInfo.NAME + " ";
    /** How the run's properties name a clip it read (verify's inputs). */
    private static final String CLIP_INPUT = "input audio ";
    /** A saved report is a few MB at most; anything near this is not one. */
    private static final int MAX_BYTES = 256 << 20;

    /**
     * One chart of a layer trace.
     *
     * @param title what it is ("first divergence", "--trace")
     * @param firstDiverging the first module whose output differs at all, or null
     */
    record Trace(String title, LayerProfile profile, String firstDiverging) {
    }

    /**
     * What the page shows.
     *
     * @param headline where a failure starts, in one line, or null
     * @param problems what went wrong, in words (the diagnosis, broken models, settings that differ)
     * @param plots the rows' plot data ({@link RowPlots#NONE} when the page is made from a saved report)
     * @param source how the page was made, in words
     * @param prefix what the ids of this run's part of the page start with: "" on a page of its own, each run's own
     *     on a page of several ({@link #render(String, List, List)})
     * @param level the level of the run's heading: 1 on a page of its own, 2 under a page of several
     */
    record Page(RunSummary run, List<HtmlRows.Row> rows, String headline, List<String> problems, List<Trace> traces,
            RowPlots plots, String source, String labelA, String labelB, String prefix, int level) {
        /** The same run as one part of a page of several, its ids starting with {@code prefix}. */
        Page part(String prefix) {
            return new Page(run, rows, headline, problems, traces, plots, source, labelA, labelB, prefix, 2);
        }

        /** An id of this run's part of the page. */
        String id(String name) {
            return prefix + name;
        }

        /** The tag of a heading {@code below} levels under the run's own. */
        String heading(int below) {
            return "h" + (level + below);
        }
    }

    private HtmlReport() {
    }

    /** The page of a verify run, with the plot data it collected. */
    public static String render(VerifyReport r, RowPlots plots) {
        return render(verifyPage(r, plots, "made by " + r.tool() + " during the run"));
    }

    /** The page of a golden check run, with the plot data it collected. */
    public static String render(GoldenCheck.Report r, String goldensName, RowPlots plots) {
        return render(goldenPage(r, goldensName, plots, "made by " + r.tool() + " during the run"));
    }

    /** {@code report html}: the page of a saved verify or golden check report. */
    public static String renderSaved(Path file) {
        JsonNode doc = Json.parse(InputFiles.readAllBytes(file, null, MAX_BYTES), file, "not a report: ");
        String kind = doc.path(JsonDocument.KIND).asText(null);
        String source = "made by " + ToolInfo.nameAndVersion() + " from the saved report " + file.getFileName()
                + " (report html)";
        if ("error".equals(kind)) {
            throw new BadInputException(file, "is the report of a run that ended in an error (exit "
                    + doc.path("exit_code").asText() + ": " + doc.path("error").path("message").asText()
                    + "): there are no rows to show");
        }
        if (VerifyReport.KIND.equals(kind)) {
            return render(verifyPage(JsonDocument.read(doc, kind, VerifyReport.class, file), RowPlots.NONE, source));
        }
        if (GoldenCheck.Report.KIND.equals(kind)) {
            GoldenCheck.Report g = JsonDocument.read(doc, kind, GoldenCheck.Report.class, file);
            return render(goldenPage(g, RunSummary.goldensName(g), RowPlots.NONE, source));
        }
        throw new BadInputException(file, "is not a verify or golden check report (kind " + kind + ")");
    }

    static Page verifyPage(VerifyReport r, RowPlots plots, String source) {
        RunSummary run = RunSummary.of(r, RunSummary.modelName(r));
        List<HtmlRows.Row> rows = new ArrayList<>();
        for (int i = 0; i < r.rows().size(); i++) {
            VerifyReport.Row x = r.rows().get(i);
            rows.add(new HtmlRows.Row(x.index(), x.clip(), x.bandwidth(), x.codebooks(), x.codesEqual()
                    ? "identical" : x.codesDiffering() + " of " + x.codesTotal() + " differ", x.codesDiffering(),
                    x.maxAbsError(), x.snrDb(), x.verdict(), x.seconds(), run.cases().get(i).message()));
        }
        List<String> problems = new ArrayList<>();
        String headline = null;
        List<Trace> traces = new ArrayList<>();
        VerifyReport.Diagnosis d = r.diagnosis();
        if (d != null) {
            headline = "First diverging module: " + d.module() + " (" + d.kind() + "), while " + d.stage() + " "
                    + d.clip();
            problems.add(d.summary());
            if (d.profile() != null) {
                traces.add(new Trace("first divergence, traced on " + d.clip(), d.profile(), d.module()));
            }
        }
        r.settingDifferences().forEach(s -> problems.add("settings differ: " + s + " (original vs converted)"));
        if (r.broken() != null) {
            r.broken().summary().forEach(s -> problems.add("broken: " + s));
        }
        if (r.traces() != null) {
            r.traces().forEach(t -> traces.add(new Trace("--trace, on " + t.clip(), t, null)));
        }
        return new Page(run, rows, headline, problems, traces, plots, source, "original", "converted", "", 1);
    }

    static Page goldenPage(GoldenCheck.Report r, String goldensName, RowPlots plots, String source) {
        RunSummary run = RunSummary.of(r, goldensName);
        List<HtmlRows.Row> rows = new ArrayList<>();
        for (int i = 0; i < r.rows().size(); i++) {
            GoldenCheck.Row x = r.rows().get(i);
            String codes = x.codesDiffering() == 0 ? "identical" : x.realDifferences() < 0 ? "different layout"
                    : x.nearTies() + " near ties, " + x.realDifferences() + " frames differ";
            rows.add(new HtmlRows.Row(x.index(), x.clip(), x.bandwidth(), x.codebooks(), codes, x.codesDiffering(),
                    x.maxAbsError(), x.snrDb(), x.verdict(), x.seconds(), run.cases().get(i).message()));
        }
        List<Trace> traces = new ArrayList<>();
        String headline = null;
        if (r.traces() != null) {
            for (LayerProfile t : r.traces()) {
                traces.add(new Trace("--trace, on " + t.clip() + ", against the recording", t, null));
                if (headline == null && t.firstOverTolerance() != null && !r.verdict().passed()) {
                    headline = "First module over tolerance: " + t.firstOverTolerance() + ", on " + t.clip();
                }
            }
        }
        List<String> problems = new ArrayList<>();
        r.nonFiniteWeights().forEach(w -> problems.add("non-finite weights: " + w));
        return new Page(run, rows, headline, problems, traces, plots, source, "golden", "now", "", 1);
    }

    static String render(Page p) {
        StringBuilder h = start(p.run().name() + ": " + p.run().verdict().headline());
        header(h, p);
        h.append("<main>\n");
        body(h, p);
        h.append("</main>\n");
        return end(h, p.source());
    }

    /**
     * {@code demo --html}: several verify runs on one page, the whole's verdict and counts at the top with a link to
     * each run, then each run as on a page of its own (its ids apart), in the order given.
     *
     * @param plots each run's plot data, in the order of {@code reports}
     */
    public static String render(String title, List<VerifyReport> reports, List<RowPlots> plots) {
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            VerifyReport r = reports.get(i);
            pages.add(verifyPage(r, plots.get(i), "made by " + r.tool() + " during the run").part("run" + (i + 1)
                    + "-"));
        }
        boolean broken = pages.stream().anyMatch(p -> p.run().verdict() == Verdict.BROKEN);
        boolean passed = pages.stream().allMatch(p -> p.run().verdict().passed());
        Verdict verdict = Verdict.of(broken, passed);
        long runsPassed = pages.stream().filter(p -> p.run().verdict().passed()).count();
        long rows = pages.stream().mapToLong(p -> p.run().cases().size()).sum();
        long rowsPassed = pages.stream().mapToLong(p -> p.run().count(Verdict.PASS)).sum();
        StringBuilder h = start(title + ": " + verdict.headline());
        h.append("<header>\n<h1>").append(Svg.escape(title)).append("</h1>\n<p class=\"verdict v-")
                .append(verdict.word()).append("\" id=\"verdict\">").append(verdict.headline())
                .append("</p>\n<p class=\"counts\">").append(runsPassed).append(" of ").append(pages.size())
                .append(" runs pass &middot; ").append(rowsPassed).append(" of ").append(rows)
                .append(" rows pass</p>\n<nav aria-label=\"Runs\">\n<ul class=\"runs\">\n");
        for (Page p : pages) {
            h.append("<li><a href=\"#").append(p.id("run")).append("\">").append(Svg.escape(p.run().name()))
                    .append("</a>: <span class=\"v-").append(p.run().verdict().word()).append("\">")
                    .append(p.run().verdict().headline()).append("</span>, ").append(p.run().cases().size())
                    .append(" rows</li>\n");
        }
        h.append("</ul>\n</nav>\n</header>\n<main>\n");
        for (Page p : pages) {
            h.append("<section class=\"run\" id=\"").append(p.id("run")).append("\" aria-labelledby=\"")
                    .append(p.id("name")).append("\">\n");
            header(h, p);
            body(h, p);
            h.append("</section>\n");
        }
        h.append("</main>\n");
        return end(h, "made by " + ToolInfo.nameAndVersion() + " during the run");
    }

    private static StringBuilder start(String title) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append(MARK).append(Svg.escape(ToolInfo.VERSION)).append("\">\n<title>")
                .append(Svg.escape(title)).append("</title>\n<style>\n")
                .append(resource("html-report.css")).append("</style>\n</head>\n<body>\n");
        return h;
    }

    private static void body(StringBuilder h, Page p) {
        provenance(h, p);
        traces(h, p);
        HtmlRows.table(h, p);
    }

    private static String end(StringBuilder h, String source) {
        h.append("<footer><p>").append(Svg.escape(source)).append(". Self-contained: nothing on this"
                + " page is fetched from elsewhere.</p></footer>\n<script>\n").append(resource("html-report.js"))
                .append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, Page p) {
        RunSummary run = p.run();
        long failed = run.count(Verdict.FAIL);
        long broken = run.count(Verdict.BROKEN);
        String word = run.verdict().word();
        String tag = p.heading(0);
        h.append("<header>\n<").append(tag).append(" id=\"").append(p.id("name")).append("\">")
                .append(Svg.escape(run.name())).append("</").append(tag).append(">\n<p class=\"verdict v-")
                .append(word).append("\" id=\"").append(p.id("verdict")).append("\">")
                .append(run.verdict().headline()).append("</p>\n<p class=\"counts\">")
                .append(run.cases().size() - failed - broken).append(" of ").append(run.cases().size())
                .append(" rows pass, ").append(failed).append(" fail, ").append(broken).append(" broken")
                .append(String.format(Locale.ROOT, " &middot; %.1f s", run.seconds()));
        if (run.started() != null) {
            h.append(" &middot; started ").append(Svg.escape(run.started()));
        }
        h.append("</p>\n");
        if (p.headline() != null) {
            h.append("<p class=\"headline\" id=\"").append(p.id("first-divergence")).append("\">")
                    .append(Svg.escape(p.headline()))
                    .append("</p>\n");
        }
        if (!p.problems().isEmpty() || !run.notes().isEmpty()) {
            h.append("<ul class=\"problems\">\n");
            p.problems().forEach(x -> h.append("<li>").append(Svg.escape(x)).append("</li>\n"));
            run.notes().stream().filter(n -> !p.problems().contains(n) && !n.startsWith("first divergence: ")
                    && !n.startsWith("broken: ") && !n.startsWith("settings differ: "))
                    .forEach(n -> h.append("<li>note: ").append(Svg.escape(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</header>\n");
    }

    /**
     * The run's provenance: tool, engine, numerics, tolerances and the models' files with their SHA-256 in view; the
     * clips' hashes (one per clip of a corpus, perhaps thousands) in a table of their own, collapsed.
     */
    private static void provenance(StringBuilder h, Page p) {
        RunSummary run = p.run();
        section(h, p, "provenance-h", "Provenance");
        List<Map.Entry<String, String>> clips = run.properties().entrySet().stream()
                .filter(e -> e.getKey().startsWith(CLIP_INPUT)).toList();
        properties(h, run.properties().entrySet().stream().filter(e -> !e.getKey().startsWith(CLIP_INPUT))
                .toList(), "prov");
        if (!clips.isEmpty()) {
            h.append("<details class=\"clips\"><summary>").append(clips.size()).append(" clip")
                    .append(clips.size() == 1 ? "" : "s").append(" and their SHA-256</summary>\n");
            properties(h, clips, "prov clips");
            h.append("</details>\n");
        }
        h.append("</section>\n");
    }

    private static void properties(StringBuilder h, List<Map.Entry<String, String>> entries, String cls) {
        h.append("<table class=\"").append(cls).append("\">\n<tbody>\n");
        for (Map.Entry<String, String> e : entries) {
            h.append("<tr><th scope=\"row\">").append(Svg.escape(e.getKey())).append("</th><td><code>")
                    .append(Svg.escape(e.getValue())).append("</code></td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** A section of a run's part of the page, with its heading. */
    static void section(StringBuilder h, Page p, String id, String heading) {
        String tag = p.heading(1);
        h.append("<section aria-labelledby=\"").append(p.id(id)).append("\">\n<").append(tag).append(" id=\"")
                .append(p.id(id)).append("\">").append(heading).append("</").append(tag).append(">\n");
    }

    private static void traces(StringBuilder h, Page p) {
        section(h, p, "traces-h", "Layer traces");
        if (p.traces().isEmpty()) {
            h.append("<p class=\"note\">No layer trace in this run: a run traces its first failing clip, and with"
                    + " <code>--trace</code> its first clip (<code>--trace all</code>: every clip) even when it"
                    + " passes.</p>\n");
        }
        for (int i = 0; i < p.traces().size(); i++) {
            Trace t = p.traces().get(i);
            h.append("<details class=\"trace\" id=\"").append(p.id("trace-")).append(i).append('"')
                    .append(p.run().verdict().passed() ? "" : " open").append("><summary>Layer trace: ")
                    .append(Svg.escape(t.title())).append(" (")
                    .append(Svg.escape(t.profile().firstOverTolerance() == null ? "every module within tolerance"
                            : "first over tolerance: " + t.profile().firstOverTolerance())).append(")</summary>\n")
                    .append(LayerChart.render(p.id("trace-" + i + "-chart"), t.profile(), t.firstDiverging()))
                    .append("\n</details>\n");
        }
        h.append("</section>\n");
    }

    /** A file of the page's own, inlined: the page must open with nothing fetched. */
    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + HtmlReport.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
