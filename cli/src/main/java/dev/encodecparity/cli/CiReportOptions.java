package dev.encodecparity.cli;

import dev.encodecparity.output.Destination;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.report.JUnitXml;
import dev.encodecparity.report.MarkdownSummary;
import dev.encodecparity.report.ReportFiles;
import dev.encodecparity.report.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Option;

/**
 * The files CI systems read, for {@code verify} and {@code golden check}: {@code --junit FILE} (JUnit XML) and
 * {@code --summary FILE} (Markdown). Both are checked with the run's other outputs before any work and written after
 * it, under the one overwrite rule. Without {@code --summary}, a run inside GitHub Actions appends the summary to
 * {@code $GITHUB_STEP_SUMMARY}, the file the runner gives every step for that.
 */
final class CiReportOptions {
    static final String GITHUB_STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the rows as JUnit XML (one testsuite, a testcase per clip and bandwidth).")
    Path junit;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write a Markdown summary (verdict, counts,"
            + " failing rows, environment). Default: appended to $GITHUB_STEP_SUMMARY when that is set.")
    Path summary;

    private Destination junitOut;
    private Destination summaryOut;

    /** Checks both files against the run's rules, before any work. */
    void check(Outputs outputs) {
        junitOut = junit == null ? null : outputs.destination("--junit", junit, ReportFiles.JUNIT);
        summaryOut = summary == null ? null : outputs.destination("--summary", summary, ReportFiles.SUMMARY);
    }

    /** Writes the files asked for, and says where. */
    void write(RunSummary run, PrintWriter human) {
        if (junitOut != null) {
            junitOut.publish(staging -> {
                try (var out = Files.newOutputStream(staging)) {
                    JUnitXml.write(run, out);
                }
            });
            human.println("junit:     " + junitOut.given());
        }
        String md = MarkdownSummary.render(run);
        if (summaryOut != null) {
            summaryOut.publish(staging -> Files.writeString(staging, md));
            human.println("summary:   " + summaryOut.given());
        } else {
            appendToStepSummary(md, human);
        }
        human.flush();
    }

    /**
     * GitHub's step summary is a file of the runner's, given to each step to append to; the tool never replaces or
     * creates it. A file that is not there, or cannot be written, is said and skipped: the run's verdict stands.
     */
    private static void appendToStepSummary(String md, PrintWriter human) {
        String file = System.getenv(GITHUB_STEP_SUMMARY);
        if (file == null || file.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), md + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            human.println("summary:   appended to $" + GITHUB_STEP_SUMMARY);
        } catch (IOException | RuntimeException e) {
            human.println("note: $" + GITHUB_STEP_SUMMARY + " (" + file + ") could not be appended to: " + e);
        }
    }
}
