package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files CI systems read: JUnit XML validated against the JUnit schema and read back by Maven Surefire's own report
 * parser (what CI reporters do), for a passing verify and a failing golden check; the Markdown summary; and the
 * summary appended to {@code $GITHUB_STEP_SUMMARY} in a child process that has it.
 */
class CiReportsTest {
    private static final String CKPT = TestData.path("checkpoints/tiny_24khz.th").toString();
    private static final String CONFIG = TestData.path("configs/tiny_24khz.json").toString();
    private static final String CLIP = TestData.path("audio/speech_24000hz_1ch.wav").toString();

    @TempDir
    Path tmp;

    private static void validJUnit(Path xml) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(CiReportsTest.class.getResource("/junit/junit.xsd"));
        schema.newValidator().validate(new StreamSource(xml.toFile())); // throws, naming the line, when invalid
    }

    private static ReportTestSuite surefireReads(Path xml) throws Exception {
        try (var in = new InputStreamReader(Files.newInputStream(xml), StandardCharsets.UTF_8)) {
            List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(in);
            assertEquals(1, suites.size());
            return suites.get(0);
        }
    }

    @Test
    void aPassingVerifyAsJUnitAndMarkdown() throws Exception {
        Path junit = tmp.resolve("verify.xml");
        Path summary = tmp.resolve("summary.md");
        CliRun r = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--junit", junit,
                "--summary", summary, "--threads", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("junit:     " + junit), r.out());
        validJUnit(junit);
        ReportTestSuite suite = surefireReads(junit);
        assertEquals(3, suite.getNumberOfTests()); // one clip at the tiny model's three bandwidths
        assertEquals(0, suite.getNumberOfFailures() + suite.getNumberOfErrors());
        ReportTestCase first = suite.getTestCases().get(0);
        assertEquals("speech_24000hz_1ch.wav @ 0.9 kbps", first.getName());
        assertEquals("verify tiny_24khz.th.speech_24000hz_1ch.wav", first.getFullClassName());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<property name=\"tool\" value=\"encodec-parity "), xml);
        assertTrue(xml.contains("<property name=\"numerics\" value=\""), xml);

        String md = Files.readString(summary);
        assertTrue(md.contains("## verify tiny_24khz.th: PASS\n\n3 of 3 rows pass"), md);
        assertTrue(md.contains("| libtorch | 2.7.1 |") || md.contains("| libtorch | "), md);
        assertFalse(md.contains("| row | verdict |"), "no failing rows to list: " + md);

        // a second run replaces them only with --force, as every output
        CliRun again = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--junit",
                junit, "--threads", "1");
        assertEquals(ExitCode.ERROR, again.exitCode(), again.err());
        assertEquals(ExitCode.OK, CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP,
                "--junit", junit, "--summary", summary, "--force", "--threads", "1").exitCode());
    }

    @Test
    void aFailingGoldenCheckCarriesItsFailures() throws Exception {
        Path model = tmp.resolve("model");
        assertEquals(0, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", model).exitCode());
        Path goldens = tmp.resolve("goldens");
        assertEquals(0, CliRun.of("golden", "record", "--model-dir", model, "--out", goldens, "--audio", CLIP,
                "--threads", "1").exitCode());
        Path perturbed = tmp.resolve("perturbed");
        dev.encodecparity.verify.BreakageAccess.scaleTensor(model, perturbed, "decoder.layers.15.conv.weight_g",
                1.01f);
        Path junit = tmp.resolve("check.xml");
        Path summary = tmp.resolve("check.md");
        CliRun r = CliRun.of("golden", "check", "--model-dir", perturbed, "--goldens", goldens, "--junit", junit,
                "--summary", summary, "--threads", "1");
        assertEquals(ExitCode.CHECK_FAILED, r.exitCode(), r.err() + r.out());
        validJUnit(junit);
        ReportTestSuite suite = surefireReads(junit);
        assertTrue(Files.readString(junit).contains("<testsuite name=\"golden check goldens\""));
        assertTrue(suite.getNumberOfFailures() > 0, "failures: " + suite.getNumberOfFailures());
        ReportTestCase failed = suite.getTestCases().stream().filter(ReportTestCase::hasFailure).findFirst()
                .orElseThrow();
        assertTrue(failed.getFailureMessage().startsWith("fail: "), failed.getFailureMessage());
        assertEquals("fail", failed.getFailureType());
        String md = Files.readString(summary);
        assertTrue(md.contains(": FAIL\n"), md);
        assertTrue(md.contains("| row | verdict | what |"), md);
        assertTrue(md.contains("note: ") || md.contains("- the model's files differ"), md);
    }

    @Test
    void insideGitHubActionsTheSummaryIsAppendedToTheStepSummary() throws Exception {
        Path stepSummary = Files.writeString(tmp.resolve("step-summary.md"), "earlier step\n");
        ProcessBuilder child = ChildCli.of(null, "verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP,
                "--bandwidth", "1.8", "--threads", "1");
        child.environment().put(CiReportOptions.GITHUB_STEP_SUMMARY, stepSummary.toString());
        assertEquals(0, ChildCli.run(child));
        String md = Files.readString(stepSummary);
        assertTrue(md.startsWith("earlier step\n<!-- encodec-parity summary -->\n## verify tiny_24khz.th: PASS"), md);
    }
}
