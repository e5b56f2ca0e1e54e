package dev.encodecparity.cli;

import dev.encodecparity.common.JsonDocument;
import dev.encodecparity.golden.GoldenCheck;
import dev.encodecparity.output.Destination;
import dev.encodecparity.output.JsonOutput;
import dev.encodecparity.report.HtmlReport;
import dev.encodecparity.report.ReportFiles;
import dev.encodecparity.report.ReportMerge;
import dev.encodecparity.report.RunSummary;
import dev.encodecparity.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code report}: what can be done with saved reports after the run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        subcommands = {ReportCommand.Merge.class, ReportCommand.Html.class},
        description = "Works on saved JSON reports of verify and golden check.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Main.missingSubcommand(spec.commandLine());
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Joins the reports of the N shards of one run (--shard I/N) into the whole run's report,"
                    + " rows in the run's order, and writes its JUnit XML and summary. Refuses reports of different"
                    + " kinds, tools, models, goldens or tolerances, and a shard given twice or missing. Exit 0 when"
                    + " the whole run passes, 1 when a row does not.",
                    "Example: encodec-parity report merge shard-*.json --out run.json --junit run.xml"})
    static final class Merge implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "REPORT", description = "The shards' JSON reports.")
        List<Path> reports;

        @Option(names = "--out", required = true, paramLabel = "REPORT",
                description = "The merged report (- for standard output).")
        Path out;

        @Option(names = "--force", description = "Replace outputs that an earlier run wrote.")
        boolean force;

        @Mixin
        CiReportOptions ci;

        @Override
        public Integer call() {
            var outputs = ReportOutput.rules(spec, force).inputs("REPORT", reports).build();
            Destination dest = outputs.destination("--out", out, JsonOutput.REPORT);
            ci.check(outputs);
            PrintWriter human = dest.isStandardOutput() ? spec.commandLine().getErr() : spec.commandLine().getOut();
            Object merged = ReportMerge.merge(reports);
            RunSummary run;
            String kind;
            if (merged instanceof VerifyReport v) {
                run = RunSummary.of(v, RunSummary.modelName(v));
                kind = VerifyReport.KIND;
                VerifyCommand.print(v, human);
            } else {
                GoldenCheck.Report g = (GoldenCheck.Report) merged;
                run = RunSummary.of(g, RunSummary.goldensName(g));
                kind = GoldenCheck.Report.KIND;
            }
            var doc = JsonDocument.of(kind, merged);
            dest.publish(staging -> dev.encodecparity.common.Json.MAPPER.writeValue(staging.toFile(), doc));
            human.printf("merged %d reports: %d rows, %s%n", reports.size(), run.cases().size(),
                    run.verdict().word());
            if (!dest.isStandardOutput()) {
                human.println("report:    " + dest.given());
            }
            ci.write(run, human);
            return run.verdict().passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
    }

    @Command(name = "html", mixinStandardHelpOptions = true,
            description = {"Renders a saved JSON report of verify or golden check (or of report merge) as one"
                    + " self-contained HTML page: verdict, counts, provenance, the layer traces the report holds, and"
                    + " every row in a table that sorts and filters. A report holds no audio, so the page says its"
                    + " waveform, spectrogram and code plots are unavailable (verify --html and golden check --html"
                    + " draw them). Exit 0 when the page is written, whatever the run's verdict.",
                    "Example: encodec-parity report html run.json --out run.html"})
    static final class Html implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "REPORT.json", description = "A JSON report (--report, report merge).")
        Path report;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The page to write.")
        Path out;

        @Option(names = "--force", description = "Replace a page that an earlier run wrote.")
        boolean force;

        @Override
        public Integer call() {
            var outputs = ReportOutput.rules(spec, force).input("REPORT.json", report).build();
            Destination dest = outputs.destination("--out", out, ReportFiles.HTML);
            String page = HtmlReport.renderSaved(report);
            dest.publish(staging -> Files.writeString(staging, page));
            PrintWriter human = spec.commandLine().getOut();
            human.println("html:      " + dest.given());
            human.flush();
            return ExitCode.OK;
        }
    }
}
