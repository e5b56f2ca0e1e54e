package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --html} and {@code --trace} of verify, golden check and demo, and {@code report html}, through the command
 * line: pages written under the one overwrite rule (checked before any work, replaced only with --force and only when
 * they are this tool's; demo, which has no --force, replaces only a page this tool wrote, as it does its --keep
 * folders), traces in the JSON report, a saved report rendered without plots, pages of the bundled data under 2 MB,
 * and bad input as exit 2. What a browser makes of the pages is HtmlReportBrowserTest.
 */
class HtmlReportCommandTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final Path CLIP = TestData.path("audio/speech_24000hz_1ch.wav");

    @TempDir
    Path tmp;

    private CliRun verify(Object... more) {
        Object[] base = {"verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--threads", "1"};
        Object[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void verifyWritesAPageAndItsTracesUnderTheOverwriteRule() throws Exception {
        Path page = tmp.resolve("run.html");
        Path report = tmp.resolve("run.json");
        CliRun r = verify("--trace", "--html", page, "--report", report);
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("html:      " + page), r.out());
        String html = Files.readString(page);
        assertTrue(html.contains("<meta name=\"generator\" content=\"encodec-parity "));
        assertTrue(html.contains("3 of 3 rows pass"), "one clip at three bandwidths");
        assertEquals(3, html.split("<details id=\"row-").length - 1);
        JsonNode traces = Json.MAPPER.readTree(report.toFile()).get("traces");
        assertEquals(1, traces.size());
        assertEquals("speech_24000hz_1ch.wav", traces.get(0).get("clip").asText());
        assertTrue(traces.get(0).get("modules").size() > 10);

        CliRun again = verify("--html", page);
        assertEquals(ExitCode.ERROR, again.exitCode());
        assertTrue(again.err().contains("file exists; use --force to replace a previous output (an HTML report of"
                + " encodec-parity)"), again.err());
        assertEquals(ExitCode.OK, verify("--html", page, "--force").exitCode());
        assertFalse(Files.readString(page).contains("class=\"chart layers\""), "replaced: no --trace this time");

        Path notes = Files.writeString(tmp.resolve("notes.html"), "<p>mine</p>");
        CliRun foreign = verify("--html", notes, "--force");
        assertEquals(ExitCode.ERROR, foreign.exitCode());
        assertTrue(foreign.err().contains("is not an HTML report of encodec-parity"), foreign.err());
        assertEquals("<p>mine</p>", Files.readString(notes), "never replaced");
        CliRun input = verify("--html", CLIP);
        assertEquals(ExitCode.ERROR, input.exitCode(), "an input is never an output");
        CliRun noTrace = verify("--trace", "everything");
        assertEquals(ExitCode.ERROR, noTrace.exitCode());
        assertTrue(noTrace.err().contains("--trace takes 'all' (every clip) or nothing (the first clip), not"
                + " 'everything'"), noTrace.err());
    }

    @Test
    void demoWritesOnePageOfItsThreeRunsUnderTheOverwriteRule() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.html"), "<p>mine</p>");
        CliRun foreign = CliRun.of("demo", "--html", notes);
        assertEquals(ExitCode.ERROR, foreign.exitCode(), "checked before any work");
        assertTrue(foreign.err().contains("is not an HTML report of encodec-parity"), foreign.err());
        assertEquals("<p>mine</p>", Files.readString(notes), "never replaced");
        Path inBundled = TestData.path("audio").resolve("demo.html");
        CliRun input = CliRun.of("demo", "--html", inBundled);
        assertEquals(ExitCode.ERROR, input.exitCode(), "never inside the bundled data it reads");
        assertTrue(input.err().contains("the bundled data"), input.err());
        assertFalse(Files.exists(inBundled));

        Path page = tmp.resolve("demo.html");
        assertEquals(ExitCode.OK, verify("--html", page).exitCode());
        ReportPages.demo(page); // like --keep's folders, a page this tool wrote is replaced
        String html = Files.readString(page);
        assertTrue(Files.size(page) < 2_000_000, "the demo's page stays under 2 MB: " + Files.size(page));
        assertTrue(html.contains("<h1>encodec-parity demo</h1>"), html.substring(0, 2000));
        assertTrue(html.contains("3 of 3 runs pass &middot; 42 of 42 rows pass"));
        assertEquals(3, html.split("<section class=\"run\" id=\"run").length - 1);
        assertEquals(42, html.split("<details id=\"row-run").length - 1, "every row's plots");
        assertEquals(3, html.split("class=\"chart layers\"").length - 1, "--trace: each model's first clip");
    }

    @Test
    void aBrokenConversionsPageOfTheBundled48kHzModelStaysSmall() throws Exception {
        Path page = ReportPages.broken(tmp, tmp.resolve("fail.html"), tmp.resolve("fail.json"));
        assertTrue(Files.size(page) < 2_000_000, "a failing page, with every difference drawn: " + Files.size(page));
        assertTrue(Files.readString(page).contains(ReportPages.BROKEN_HEADLINE));
    }

    @Test
    void reportHtmlRendersASavedReportWithoutPlots() throws Exception {
        Path report = tmp.resolve("run.json");
        assertEquals(ExitCode.OK, verify("--report", report).exitCode());
        Path page = tmp.resolve("saved.html");
        CliRun r = CliRun.of("report", "html", report, "--out", page);
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("html:      " + page), r.out());
        String html = Files.readString(page);
        assertTrue(html.contains("Plots unavailable: this page was made by encodec-parity "), html);
        assertFalse(html.contains("<details id=\"row-"));
        assertEquals(ExitCode.ERROR, CliRun.of("report", "html", report, "--out", page).exitCode());
        assertEquals(ExitCode.OK, CliRun.of("report", "html", report, "--out", page, "--force").exitCode());

        CliRun missing = CliRun.of("report", "html", tmp.resolve("none.json"), "--out", tmp.resolve("x.html"));
        assertEquals(ExitCode.ERROR, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertFalse(Files.exists(tmp.resolve("x.html")));
        Path error = tmp.resolve("error.json");
        assertEquals(ExitCode.ERROR, verify("--audio", Files.createFile(tmp.resolve("empty.wav")), "--report",
                error).exitCode());
        CliRun ofError = CliRun.of("report", "html", error, "--out", tmp.resolve("e.html"));
        assertEquals(ExitCode.ERROR, ofError.exitCode());
        assertTrue(ofError.err().contains("is the report of a run that ended in an error (exit 2"), ofError.err());
        assertEquals(ExitCode.ERROR, CliRun.of("report", "html", report, "--out", report).exitCode(),
                "the report is an input");
    }

    @Test
    void goldenCheckWritesAPageWithTheTraceAgainstTheRecording() throws Exception {
        Path goldens = tmp.resolve("goldens");
        assertEquals(ExitCode.OK, CliRun.of("golden", "record", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                CLIP, "--out", goldens, "--threads", "1").exitCode());
        Path page = tmp.resolve("check.html");
        Path report = tmp.resolve("check.json");
        CliRun r = CliRun.of("golden", "check", "--checkpoint", CKPT, "--config", CONFIG, "--goldens", goldens,
                "--trace", "all", "--html", page, "--report", report, "--threads", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        String html = Files.readString(page);
        assertTrue(html.contains("<h1 id=\"name\">golden check goldens</h1>"), html.substring(0, 2000));
        assertTrue(html.contains("against the recording"));
        assertTrue(html.contains("golden (blue) and now (orange)"));
        JsonNode t = Json.MAPPER.readTree(report.toFile()).get("traces").get(0);
        assertTrue(t.get("first_over_tolerance").isNull());
        assertEquals("00-speech_24000hz_1ch.wav", t.get("clip").asText());
    }
}
