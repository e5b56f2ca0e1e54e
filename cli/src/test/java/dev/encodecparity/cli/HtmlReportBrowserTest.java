package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
 * installs), driven by Selenium. The page of a passing demo run ({@code demo --html --trace}: three conversions), of
 * a deliberately broken conversion of the bundled 48 kHz model (one decoder weight scaled by 1.01), and of a saved
 * report: no console errors, nothing fetched, every chart drawn (an SVG with its shapes laid out, its text inside
 * it, a title and a description), the first diverging module named, each table sorted, filtered and opened from the
 * keyboard on its own. Screenshots are kept in target/html-report, among them the two in docs/
 * ({@code scripts/docs-screenshots} copies them there). Skipped, saying why, where Chromium is not installed.
 */
class HtmlReportBrowserTest {
    private static final Path SHOTS = Path.of("target", "html-report");
    /** The window of the screenshots in docs/. */
    private static final Dimension DOCS_WINDOW = new Dimension(960, 1100);

    @TempDir
    static Path tmp;
    private static ChromeDriver browser;
    private static Path pass;
    private static Path fail;
    private static Path saved;
    /** Why the browser is not there, or null. */
    private static String absent;

    /** Where Debian installs the browser and its driver; {@code -Dchromium.dir=DIR} looks elsewhere. */
    private static Optional<Path> installed(String... names) {
        Path dir = Path.of(System.getProperty("chromium.dir", "/usr/bin"));
        return Stream.of(names).map(dir::resolve).filter(Files::isExecutable).findFirst();
    }

    @BeforeAll
    static void pagesAndBrowser() throws Exception {
        Optional<Path> chromium = installed("chromium", "chromium-browser");
        Optional<Path> driver = installed("chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            absent = "Chromium or chromedriver is not installed in " + System.getProperty("chromium.dir", "/usr/bin")
                    + " (apt-get install chromium chromium-driver; scripts/test does): the pages are not checked in a"
                    + " browser";
            return;
        }
        pass = ReportPages.demo(tmp.resolve("pass.html"));
        Path report = tmp.resolve("fail.json");
        fail = ReportPages.broken(tmp, tmp.resolve("fail.html"), report);
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

    /** Each test says why it is skipped where there is no browser. */
    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(absent == null, absent);
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

    /**
     * Each chart shown (not inside a closed details): [id, width, height, shapes laid out, titled, described, texts
     * that stick out of the chart's own box].
     */
    @SuppressWarnings("unchecked")
    private static List<List<Object>> shownCharts() {
        return (List<List<Object>>) js("return Array.from(document.querySelectorAll('svg.chart'))"
                + ".filter(s => s.getClientRects().length > 0).map(s => {"
                + "  const r = s.getBoundingClientRect();"
                + "  const shapes = Array.from(s.querySelectorAll('path, rect')).filter(x => {"
                + "    const b = x.getBBox(); return (x.tagName === 'rect' || x.getAttribute('d'))"
                + "      && (b.width > 0 || b.height > 0); });"
                + "  const t = s.querySelector('title'), d = s.querySelector('desc'), v = s.viewBox.baseVal;"
                + "  const out = Array.from(s.querySelectorAll('text')).filter(x => { const b = x.getBBox();"
                + "    return b.x < v.x - 0.5 || b.y < v.y - 0.5 || b.x + b.width > v.x + v.width + 0.5"
                + "      || b.y + b.height > v.y + v.height + 0.5; }).map(x => x.textContent);"
                + "  return [s.id, r.width, r.height, shapes.length,"
                + "    !!t && t.textContent.length > 0 && s.getAttribute('role') === 'img',"
                + "    !!d && d.textContent.length > 0, out]; })");
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
            assertEquals(List.of(), c.get(6), "every text inside its chart: " + c.get(0));
        }
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static void shot(WebElement element, String name) throws Exception {
        Files.write(SHOTS.resolve(name), element.getScreenshotAs(OutputType.BYTES));
    }

    /** A stretch of the page: from the top of the first element {@code from} finds to the bottom of {@code to}'s. */
    private record Part(String from, String to) {
    }

    /**
     * A screenshot for docs/: the stretches of the page given, one under another, each as the browser drew it in a
     * small window (so the PNG stays small); scripts/docs-screenshots copies it from target/html-report.
     */
    private static void docsShot(String name, Part... parts) throws Exception {
        Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(DOCS_WINDOW);
        try {
            List<BufferedImage> crops = new ArrayList<>();
            for (Part part : parts) {
                WebElement from = browser.findElement(By.cssSelector(part.from()));
                WebElement to = browser.findElement(By.cssSelector(part.to()));
                js("document.activeElement.blur();"
                        + " window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 8)", from);
                @SuppressWarnings("unchecked")
                List<Number> r = (List<Number>) js("return [arguments[0].getBoundingClientRect().top,"
                        + " arguments[1].getBoundingClientRect().bottom, window.devicePixelRatio]", from, to);
                BufferedImage shot = ImageIO.read(new ByteArrayInputStream(browser.getScreenshotAs(OutputType.BYTES)));
                double k = r.get(2).doubleValue();
                int top = (int) Math.max(0, Math.floor((r.get(0).doubleValue() - 2) * k));
                int bottom = (int) Math.min(shot.getHeight(), Math.ceil((r.get(1).doubleValue() + 2) * k));
                assertTrue(bottom - top > 50, "a stretch of the page in view: " + part);
                crops.add(shot.getSubimage(0, top, shot.getWidth(), bottom - top));
            }
            int width = crops.get(0).getWidth();
            int height = crops.stream().mapToInt(BufferedImage::getHeight).sum() + 3 * (crops.size() - 1);
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setColor(Color.LIGHT_GRAY);
            g.fillRect(0, 0, width, height);
            int y = 0;
            for (BufferedImage c : crops) {
                g.drawImage(c, 0, y, null);
                y += c.getHeight() + 3;
            }
            g.dispose();
            ImageIO.write(out, "png", SHOTS.resolve(name).toFile());
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    /** Presses Enter on {@code element}, as a keyboard user does. */
    private static void enter(WebElement element) {
        js("arguments[0].focus()", element);
        element.sendKeys(Keys.ENTER);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void theDemosPageDrawsEveryChartAndEachRunsTableWorksOnItsOwn() throws Exception {
        assertTrue(Files.size(pass) < 2_000_000, "the demo's page: " + Files.size(pass) + " bytes");
        open(pass);
        assertEquals(List.of(), consoleErrors());
        assertEquals(0L, js("return performance.getEntriesByType('resource').length"), "nothing fetched");
        assertEquals("PASS", text("verdict"));
        assertEquals("3 of 3 runs pass · 42 of 42 rows pass", browser.findElement(By.cssSelector("header .counts"))
                .getText());
        List<String> runs = List.of("run1-", "run2-", "run3-");
        List<Integer> rows = List.of(18, 6, 18); // the bundled clips of each rate at each bandwidth
        for (int i = 0; i < runs.size(); i++) {
            assertEquals("PASS", text(runs.get(i) + "verdict"));
            assertEquals(rows.get(i) + " of " + rows.get(i) + " rows shown", text(runs.get(i) + "rows-shown"));
        }
        assertEquals("verify tiny_48khz.th", text("run3-name"));
        assertEquals(0L, js("return document.querySelectorAll('details[open]').length"), "plots collapsed");
        shot("pass-top.png");

        browser.findElement(By.id("run3-row-filter")).sendKeys("silence");
        assertEquals("3 of 18 rows shown", text("run3-rows-shown"), "filtered");
        assertEquals("18 of 18 rows shown", text("run1-rows-shown"), "another run's table untouched");
        WebElement byClip = browser.findElement(By.cssSelector("#run2-rows button[data-key='clip']"));
        enter(byClip);
        List<String> clips = browser.findElements(By.cssSelector("#run2-rows tbody.row")).stream()
                .map(b -> b.getAttribute("data-clip")).toList();
        assertEquals(clips.stream().sorted().toList(), clips, "sorted by clip");
        assertEquals("rank", browser.findElement(By.cssSelector("#run1-rows th[aria-sort] button"))
                .getAttribute("data-key"), "another run's table keeps its order");

        open(pass);
        for (WebElement openAll : browser.findElements(By.cssSelector("button[data-expand='open']"))) {
            enter(openAll);
        }
        assertEquals(42L, js("return document.querySelectorAll('details[id^=row-][open]').length"));
        for (WebElement trace : browser.findElements(By.cssSelector("details.trace > summary"))) {
            enter(trace);
        }
        // per row: waveforms, the clip's spectrogram, the codes; and each model's trace of its first clip
        everyChartDrawn(42 * 3 + 3);
        assertEquals(List.of(), consoleErrors());
        WebElement first = browser.findElement(By.cssSelector("#run3-rows tbody.row"));
        js("arguments[0].scrollIntoView()", first);
        shot(first, "pass-row.png");

        open(pass);
        enter(browser.findElement(By.cssSelector("#run3-rows tbody.row summary")));
        docsShot("report-pass.png", new Part("body > header", "body > header"),
                new Part("#run3-rows thead", "#run3-rows tbody.row"));
    }

    @Test
    void theFailingPageNamesItsFirstDivergingModule() throws Exception {
        assertTrue(Files.size(fail) < 2_000_000, "the demo-sized page: " + Files.size(fail) + " bytes");
        open(fail);
        assertEquals(List.of(), consoleErrors());
        assertEquals("FAIL", browser.findElement(By.id("verdict")).getText());
        String headline = browser.findElement(By.id("first-divergence")).getText();
        assertTrue(headline.startsWith(ReportPages.BROKEN_HEADLINE), headline);
        assertTrue(browser.findElement(By.cssSelector("details.trace")).getAttribute("open") != null,
                "a failing run's trace is open");
        everyChartDrawn(1);
        assertTrue(browser.findElement(By.cssSelector("svg.layers")).getText().contains("◀ first over tolerance"));
        shot("fail-top.png");
        docsShot("report-fail.png", new Part("body > header", "body > header"),
                new Part("#traces-h", "#trace-0"));

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
