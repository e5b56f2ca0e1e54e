package dev.encodecparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.JsonDocument;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.plot.RowPlots;
import dev.encodecparity.testing.TestData;
import dev.encodecparity.verify.BreakageAccess;
import dev.encodecparity.verify.Extras;
import dev.encodecparity.verify.TraceMode;
import dev.encodecparity.verify.Verification;
import dev.encodecparity.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of real runs on the tiny 24 kHz model: self-contained, every chart named, ids unique, failures first, the
 * first diverging module named, a user's clip name escaped; and the page of a saved report, which says its plots are
 * unavailable. The browser's view of it is cli's HtmlReportBrowserTest.
 */
class HtmlReportTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final Pattern ID = Pattern.compile(" id=\"([^\"]+)\"");

    @TempDir
    Path tmp;

    private VerifyReport verify(Path converted, List<Path> audio, Extras extras) {
        return Verification.run(new Verification.Options(CKPT, "auto", CONFIG, converted, audio, List.of(), 1e-5),
                ComputeDevice.resolve("cpu"), s -> { }, dev.encodecparity.verify.RowProgress.NONE, extras);
    }

    /** What every page must be, whatever it shows. */
    static void selfContainedAndNamed(String page) {
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(page.contains(HtmlReport.MARK), "the tool's mark, for --force");
        for (String fetch : List.of("http:", "https:", "src=", "@import", "url(", "<link", "<iframe", "<img")) {
            assertFalse(page.contains(fetch), "nothing is fetched: " + fetch);
        }
        int charts = page.split("<svg ").length - 1;
        assertEquals(charts, page.split("role=\"img\" aria-labelledby=").length - 1, "every chart is named");
        assertEquals(charts, page.split("<desc id=").length - 1, "every chart is described");
        Set<String> ids = new HashSet<>();
        Matcher m = ID.matcher(page);
        while (m.find()) {
            assertTrue(ids.add(m.group(1)), "id " + m.group(1) + " twice");
        }
    }

    @Test
    void aPassingRunWithPlotsAndATrace() throws Exception {
        Path weird = tmp.resolve("a <b>&\"'.wav");
        Files.copy(TestData.path("audio/speech_24000hz_1ch.wav"), weird);
        Extras extras = new Extras(TraceMode.FIRST, RowPlots.collecting());
        VerifyReport r = verify(null, List.of(weird, TestData.path("audio/silence_24000hz_1ch.wav")), extras);
        assertEquals(Verdict.PASS, r.verdict());
        assertEquals(1, r.traces().size(), "--trace: the first clip only");
        assertTrue(r.traces().get(0).modules().size() > 10);
        assertEquals(null, r.traces().get(0).firstOverTolerance());
        String page = HtmlReport.render(r, extras.plots());
        selfContainedAndNamed(page);
        assertTrue(page.contains("<p class=\"verdict v-pass\" id=\"verdict\">PASS</p>"));
        assertTrue(page.contains("6 of 6 rows pass, 0 fail, 0 broken"), "two clips at three bandwidths");
        assertTrue(page.contains("a &lt;b&gt;&amp;&quot;&#39;.wav"), "a clip's name is text, never markup");
        assertFalse(page.contains("<b>&"));
        assertEquals(6, page.split("<details id=\"row-").length - 1, "every row's plots, collapsed");
        assertFalse(page.contains("<details open id=\"row-"));
        assertEquals(1, page.split("class=\"chart layers\"").length - 1, "the trace's chart");
        assertEquals(6, page.split("class=\"chart wave\"").length - 1);
        assertEquals(6, page.split("class=\"chart codes\"").length - 1);
        assertTrue(page.contains("No spectrogram of the difference: the two decodes are identical."));
        assertTrue(page.contains("every module within tolerance"));
        assertTrue(page.length() < 2_000_000, "size " + page.length());
    }

    /** A conversion of the tiny 24 kHz model into {@code good}, and a copy with one decoder weight scaled by 1.01. */
    private Path brokenConversion(Path good) throws Exception {
        Converter.toTransformers(CKPT, null, CONFIG, good, false);
        return BreakageAccess.scaleTensor(good, tmp.resolve("broken"), "decoder.layers.15.conv.weight_g", 1.01f);
    }

    @Test
    void aBrokenConversionNamesItsFirstDivergingModuleAndPutsFailuresFirst() throws Exception {
        Path broken = brokenConversion(tmp.resolve("good"));
        Extras extras = new Extras(TraceMode.NONE, RowPlots.collecting());
        VerifyReport r = verify(broken, List.of(TestData.path("audio/silence_24000hz_1ch.wav"),
                TestData.path("audio/speech_24000hz_1ch.wav")), extras);
        assertEquals(Verdict.FAIL, r.verdict());
        assertNotNull(r.diagnosis().profile(), "the diagnosis traces every module");
        assertEquals("decoder.15", r.diagnosis().profile().firstOverTolerance());
        String page = HtmlReport.render(r, extras.plots());
        selfContainedAndNamed(page);
        assertTrue(page.contains("First diverging module: decoder.15 ("), page.substring(0, 3000));
        assertTrue(page.contains("◀ first over tolerance"));
        assertTrue(page.contains("class=\"chart spec\" id=\"r3-dspec\""), "a failing row's difference spectrogram");
        // every row of this run fails; with every other row passing, the failing ones come first, each in run order
        List<VerifyReport.Row> mixed = r.rows().stream().map(x -> x.index() % 2 == 0 ? x : VerifyReport.Row.builder()
                .from(x).verdict(Verdict.PASS).build()).toList();
        VerifyReport half = VerifyReport.builder().provenance(r.provenance()).seconds(r.seconds()).atol(r.atol())
                .originalSettings(r.originalSettings()).convertedSettings(r.convertedSettings())
                .settingDifferences(r.settingDifferences()).rows(mixed).diagnosis(r.diagnosis()).verdict(r.verdict())
                .build();
        List<String> order = new ArrayList<>();
        Matcher m = Pattern.compile("<tbody class=\"row v-(\\w+)\" data-index=\"(\\d+)\"")
                .matcher(HtmlReport.render(half, extras.plots()));
        while (m.find()) {
            order.add(m.group(1) + " " + m.group(2));
        }
        assertEquals(List.of("fail 0", "fail 2", "fail 4", "pass 1", "pass 3", "pass 5"), order);

        Path json = tmp.resolve("report.json");
        Json.MAPPER.writeValue(json.toFile(), JsonDocument.of(VerifyReport.KIND, r));
        String saved = HtmlReport.renderSaved(json);
        selfContainedAndNamed(saved);
        assertTrue(saved.contains("id=\"no-plots\">Plots unavailable: this page was made by "), saved);
        assertTrue(saved.contains("from the saved report report.json (report html)"));
        assertFalse(saved.contains("<details id=\"row-"), "no plots without the audio");
        assertTrue(saved.contains("First diverging module: decoder.15 ("));
        assertEquals(1, saved.split("class=\"chart layers\"").length - 1, "the trace is in the report");
    }

    @Test
    void severalRunsOnOnePageKeepTheirIdsApart() throws Exception {
        Path good = tmp.resolve("good");
        Path broken = brokenConversion(good);
        List<Path> clip = List.of(TestData.path("audio/speech_24000hz_1ch.wav"));
        Extras a = new Extras(TraceMode.FIRST, RowPlots.collecting());
        Extras b = new Extras(TraceMode.NONE, RowPlots.collecting());
        List<VerifyReport> runs = List.of(verify(good, clip, a), verify(broken, clip, b));
        String page = HtmlReport.render("two runs", runs, List.of(a.plots(), b.plots()));
        selfContainedAndNamed(page);
        assertTrue(page.contains("<title>two runs: FAIL</title>"));
        assertTrue(page.contains("<p class=\"verdict v-fail\" id=\"verdict\">FAIL</p>"), "one run fails: the page");
        assertTrue(page.contains("1 of 2 runs pass &middot; 3 of 6 rows pass"));
        assertTrue(page.contains("<li><a href=\"#run1-run\">"));
        assertTrue(page.contains("<section class=\"run\" id=\"run2-run\" aria-labelledby=\"run2-name\">\n<header>"
                + "\n<h2 id=\"run2-name\">"), "each run under its own heading, one level down");
        assertTrue(page.contains("<h3 id=\"run2-rows-h\">Rows</h3>"));
        assertTrue(page.contains("<p class=\"verdict v-pass\" id=\"run1-verdict\">PASS</p>"));
        assertTrue(page.contains("id=\"run2-first-divergence\">First diverging module: decoder.15 ("));
        assertEquals(6, page.split("<details id=\"row-run").length - 1);
        assertEquals(2, page.split("class=\"chart layers\"").length - 1, "run 1's --trace, run 2's diagnosis");
        assertTrue(page.contains("<a href=\"#run2-trace-0\">"), "a row links to its own run's trace");
        assertEquals(2, page.split("<table id=\"run\\d-rows\" class=\"rows\">").length - 1);
    }

    @Test
    void aSavedReportThatIsNotOneIsBadInput() throws Exception {
        Path error = Files.writeString(tmp.resolve("error.json"), "{\"schema_version\": 1, \"kind\": \"error\","
                + " \"exit_code\": 2, \"error\": {\"message\": \"x.wav: no such file\"}}");
        BadInputException e = assertThrows(BadInputException.class, () -> HtmlReport.renderSaved(error));
        assertTrue(e.getMessage().contains("ended in an error (exit 2: x.wav: no such file)"), e.getMessage());
        Path other = Files.writeString(tmp.resolve("doctor.json"), "{\"kind\": \"doctor\"}");
        assertTrue(assertThrows(BadInputException.class, () -> HtmlReport.renderSaved(other)).getMessage()
                .contains("is not a verify or golden check report (kind doctor)"));
        Path text = Files.writeString(tmp.resolve("notes.json"), "not json");
        assertThrows(BadInputException.class, () -> HtmlReport.renderSaved(text));
    }
}
