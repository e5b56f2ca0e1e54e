package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML pages in a real browser: headless Chromium (Debian's chromium and chromium-driver, which scripts/test
 * installs), driven by Selenium. The page of a passing verify of the bundled tiny 48 kHz model with --trace, of a
 * deliberately broken conversion (one decoder weight of a converted folder scaled by 1.01), and of a saved report:
 * no console errors, nothing fetched, every chart drawn (an SVG with its shapes laid out, a title and a
 * description), the first diverging module named, the table sorted, filtered and opened from the keyboard.
 * Screenshots are kept in target/html-report. Skipped, saying why, where Chromium is not installed.
 */
class HtmlReportBrowserTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_48khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_48khz.json");
    private static final Path SHOTS = Path.of("target", "html-report");

    @TempDir
    static Path tmp;
    private static ChromeDriver browser;
    private static Path pass;
    private static Path fail;
    private static Path saved;

    private static Optional<Path> installed(String... names) {
        return Stream.of(names).map(n -> Path.of("/usr/bin", n)).filter(Files::isExecutable).findFirst();
    }

    @BeforeAll
    static void pagesAndBrowser() throws Exception {
        Optional<Path> chromium = installed("chromium", "chromium-browser");
        Optional<Path> driver = installed("chromedriver");
        assumeTrue(chromium.isPresent() && driver.isPresent(), "Chromium or chromedriver is not installed (apt-get"
                + " install chromium chromium-driver; scripts/test does): the pages are not checked in a browser");
        pass = tmp.resolve("pass.html");
        CliRun ok = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--trace", "--html", pass,
                "--threads", "1");
        assertEquals(ExitCode.OK, ok.exitCode(), ok.err());
        Path model = tmp.resolve("model");
        assertEquals(ExitCode.OK, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", model)
                .exitCode());
        Path broken = dev.encodecparity.verify.BreakageAccess.scaleTensor(model, tmp.resolve("broken"),
                "decoder.layers.6.conv.weight", 1.01f);
        fail = tmp.resolve("fail.html");
        Path report = tmp.resolve("fail.json");
        CliRun bad = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--converted", broken, "--html",
                fail, "--report", report, "--threads", "1");
        assertEquals(ExitCode.CHECK_FAILED, bad.exitCode(), bad.err());
        saved = tmp.resolve("saved.html");
        assertEquals(ExitCode.OK, CliRun.of("report", "html", report, "--out", saved).exitCode());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1100,1500",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static void open(Path page) {
        browser.get(page.toUri().toString());
        browser.manage().logs().get(LogType.BROWSER); // what an earlier page logged is not this page's
        browser.navigate().refresh();
    }

    /** Everything the page wrote to the console at the error level; none is expected. */
    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Each chart shown (not inside a closed details): [id, width, height, shapes laid out, titled, described]. */
    @SuppressWarnings("unchecked")
    private static List<List<Object>> shownCharts() {
        return (List<List<Object>>) js("return Array.from(document.querySelectorAll('svg.chart'))"
                + ".filter(s => s.getClientRects().length > 0).map(s => {"
                + "  const r = s.getBoundingClientRect();"
                + "  const shapes = Array.from(s.querySelectorAll('path, rect')).filter(x => {"
                + "    const b = x.getBBox(); return (x.tagName === 'rect' || x.getAttribute('d'))"
                + "      && (b.width > 0 || b.height > 0); });"
                + "  const t = s.querySelector('title'), d = s.querySelector('desc');"
                + "  return [s.id, r.width, r.height, shapes.length,"
                + "    !!t && t.textContent.length > 0 && s.getAttribute('role') === 'img',"
                + "    !!d && d.textContent.length > 0]; })");
    }

    private static void everyChartDrawn(int atLeast) {
        List<List<Object>> charts = shownCharts();
        assertTrue(charts.size() >= atLeast, "charts shown: " + charts.size());
        for (List<Object> c : charts) {
            assertTrue(((Number) c.get(1)).doubleValue() > 100 && ((Number) c.get(2)).doubleValue() > 50,
                    "laid out: " + c);
            assertTrue(((Number) c.get(3)).longValue() > 0, "shapes drawn: " + c);
            assertEquals(Boolean.TRUE, c.get(4), "an image with a title: " + c);
            assertEquals(Boolean.TRUE, c.get(5), "a description: " + c);
        }
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static void shot(WebElement element, String name) throws Exception {
        Files.write(SHOTS.resolve(name), element.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void thePassingPageDrawsEveryChart() throws Exception {
        assertTrue(Files.size(pass) < 2_000_000, "the demo-sized page: " + Files.size(pass) + " bytes");
        open(pass);
        assertEquals(List.of(), consoleErrors());
        assertEquals(0L, js("return performance.getEntriesByType('resource').length"), "nothing fetched");
        assertEquals("PASS", browser.findElement(By.id("verdict")).getText());
        assertEquals("18 of 18 rows shown", browser.findElement(By.id("rows-shown")).getText());
        assertEquals(0L, js("return document.querySelectorAll('details[open]').length"), "plots collapsed");
        shot("pass-top.png");
        WebElement openAll = browser.findElement(By.cssSelector("button[data-expand='open']"));
        js("arguments[0].focus()", openAll);
        openAll.sendKeys(Keys.ENTER);
        assertEquals(18L, js("return document.querySelectorAll('details[id^=row-][open]').length"));
        browser.findElement(By.cssSelector("details.trace > summary")).sendKeys(Keys.ENTER);
        // per row: waveforms, the clip's spectrogram, the codes; and the trace of the first clip
        everyChartDrawn(18 * 3 + 1);
        assertEquals(List.of(), consoleErrors());
        js("document.getElementById('rows-h').scrollIntoView()");
        shot("pass-rows.png");
        WebElement first = browser.findElement(By.cssSelector("tbody.row"));
        js("arguments[0].scrollIntoView()", first);
        shot(first, "pass-row.png");
    }

    @Test
    void theFailingPageNamesItsFirstDivergingModule() throws Exception {
        assertTrue(Files.size(fail) < 2_000_000, "the demo-sized page: " + Files.size(fail) + " bytes");
        open(fail);
        assertEquals(List.of(), consoleErrors());
        assertEquals("FAIL", browser.findElement(By.id("verdict")).getText());
        String headline = browser.findElement(By.id("first-divergence")).getText();
        assertTrue(headline.startsWith("First diverging module: decoder.6 (transposed conv), while decoding"),
                headline);
        assertTrue(browser.findElement(By.cssSelector("details.trace")).getAttribute("open") != null,
                "a failing run's trace is open");
        everyChartDrawn(1);
        assertTrue(browser.findElement(By.cssSelector("svg.layers")).getText().contains("◀ first over tolerance"));
        shot("fail-top.png");

        List<WebElement> rows = browser.findElements(By.cssSelector("tbody.row"));
        assertEquals("fail", rows.get(0).getAttribute("data-verdict"), "failures first");
        assertEquals("pass", rows.get(rows.size() - 1).getAttribute("data-verdict"), "silence passes, last");

        WebElement summary = rows.get(0).findElement(By.tagName("summary"));
        js("arguments[0].focus()", summary);
        summary.sendKeys(Keys.ENTER);
        assertTrue(rows.get(0).findElement(By.tagName("details")).getAttribute("open") != null, "opened by keyboard");
        everyChartDrawn(5); // the trace, then the row's waveforms, two spectrograms and codes
        assertEquals(4L, js("return arguments[0].querySelectorAll('svg.chart').length", rows.get(0)));
        js("arguments[0].scrollIntoView()", rows.get(0));
        shot(rows.get(0), "fail-row.png");

        WebElement byClip = browser.findElement(By.cssSelector("button[data-key='clip']"));
        js("arguments[0].focus()", byClip);
        byClip.sendKeys(Keys.ENTER);
        assertEquals("ascending", byClip.findElement(By.xpath("..")).getAttribute("aria-sort"));
        List<String> clips = browser.findElements(By.cssSelector("tbody.row")).stream()
                .map(b -> b.getAttribute("data-clip")).toList();
        assertEquals(clips.stream().sorted().toList(), clips, "sorted by clip");
        byClip.sendKeys(Keys.ENTER);
        assertEquals("descending", byClip.findElement(By.xpath("..")).getAttribute("aria-sort"));

        WebElement filter = browser.findElement(By.id("row-filter"));
        filter.sendKeys("silence");
        assertEquals("3 of 18 rows shown", browser.findElement(By.id("rows-shown")).getText());
        filter.clear();
        filter.sendKeys(Keys.BACK_SPACE); // an input event after clear()
        browser.findElement(By.id("verdict-filter")).sendKeys("pass");
        assertEquals(3L, js("return Array.from(document.querySelectorAll('tbody.row')).filter(b => !b.hidden)"
                + ".length"));
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    void theSavedReportsPageSaysItsPlotsAreUnavailable() throws Exception {
        open(saved);
        assertEquals(List.of(), consoleErrors());
        assertTrue(browser.findElement(By.id("no-plots")).getText().startsWith("Plots unavailable"));
        assertTrue(browser.findElement(By.id("first-divergence")).getText().contains("decoder.6"));
        everyChartDrawn(1);
        assertEquals(0, browser.findElements(By.cssSelector("details[id^=row-]")).size());
        shot("saved-top.png");
    }
}
