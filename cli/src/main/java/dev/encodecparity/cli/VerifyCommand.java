package dev.encodecparity.cli;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.model.ModelLocations;
import dev.encodecparity.report.HtmlReport;
import dev.encodecparity.verify.Extras;
import dev.encodecparity.verify.ReferenceClips;
import dev.encodecparity.verify.Verification;
import dev.encodecparity.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code verify}: is the converted model the same codec as the original? */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks that a converted model is the same codec as its original checkpoint: both are built"
                + " independently, every clip is encoded by both at every bandwidth and each decodes its own codes.",
                "Passes when the codes are identical and the reconstructions agree within --atol. When they do not,"
                + " names the first module whose output differs and the tensors that feed it on both sides.",
                "A model whose weights or outputs hold NaN or infinities is BROKEN (not a difference): the report names"
                + " its tensors and says whether the conversion copied them exactly.",
                "Exit 0 pass, 1 a difference or a broken model, 2 bad input or error."},
        footer = {"", "Examples:",
                "  encodec-parity verify --checkpoint encodec_24khz-d7cc33bc.th",
                "  encodec-parity verify --checkpoint encodec_48khz-7e698e3e.th --converted encodec_48khz-hf"
                + " --audio a.wav b.wav --bandwidth 6 24 --report report.json",
                "  encodec-parity verify --checkpoint encodec_24khz-d7cc33bc.th --trace --html report.html"})
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "ORIGINAL", description = "The original checkpoint.")
    Path checkpoint;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "auto",
            description = "encodec_24khz, encodec_32khz, encodec_48khz or auto (default).")
    String model;

    @Option(names = "--config", paramLabel = "config.json",
            description = "A transformers config.json for a custom original model (instead of a preset).")
    Path config;

    @Option(names = "--converted", paramLabel = "DIR",
            description = "The converted transformers folder to check. Default: convert the checkpoint into a"
                    + " temporary folder first.")
    Path converted;

    @Option(names = "--audio", arity = "1..*", paramLabel = "FILE",
            description = "Clips (.wav, .flac or .npy), folders of clips (walked in sorted order) or glob patterns"
                    + " ('corpus/**/*.wav'). Default: the bundled reference clips at the model's rate.")
    List<Path> audio = List.of();

    @Option(names = "--audio-list", paramLabel = "FILE",
            description = "A file listing clips, one path per line, relative to the list's folder.")
    List<Path> audioLists = List.of();

    @CommandLine.Mixin
    SelectionOptions select;

    @Option(names = "--bandwidth", arity = "1..*", paramLabel = "KBPS",
            description = "Bandwidths in kbps. Default: every bandwidth of the model.")
    List<Double> bandwidths = List.of();

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-5",
            description = "Largest allowed difference of the two reconstructions. Default: ${DEFAULT-VALUE}.")
    double atol;

    @CommandLine.Mixin
    EngineOptions engine;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "Clips worked at once on the CPU, each on its own thread; without --threads, libtorch gets"
                    + " the processors shared out (2 processors, --jobs 2: one thread each). Rows, verdicts and their"
                    + " order are those of one job. A GPU batches clips instead. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @CommandLine.Mixin
    StreamOption streaming;

    @CommandLine.Mixin
    CiReportOptions ci;

    @CommandLine.Mixin
    HtmlOption html;

    @CommandLine.Mixin
    TraceOption trace;

    @CommandLine.Mixin
    WatchOptions watch;

    @CommandLine.Mixin
    HashCheckOption hashCheck;

    @Option(names = "--revision", paramLabel = "REV",
            description = "With a repo id as --converted: a branch, tag or commit in the hub cache. Default: main.")
    String revision;

    private String convertedLabel;

    @Option(names = "--resample", description = "Convert clips to the model's channels and rate as the original"
            + " code's convert_audio does (torchaudio's resampling; mean to mono, mono to stereo).")
    boolean resample;

    @Option(names = "--report", paramLabel = "report.json",
            description = "Write the full report as JSON (- for standard output; the table then goes to standard "
                    + "error).")
    Path report;

    @Option(names = "--force", description = "Replace a report that an earlier run wrote.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        checkpoint = ModelLocations.checkpoint(checkpoint);
        if (converted != null) {
            ModelLocations.Folder f = ModelLocations.modelFolder(converted, revision);
            converted = f.folder();
            convertedLabel = f.label();
        } else if (revision != null) {
            throw BadInputException.option("--revision goes with a Hugging Face repo id as --converted");
        }
        var outputs = ReportOutput.rules(spec, force).input("--checkpoint", checkpoint).input("--config", config)
                .input("--converted", converted).inputs("--audio", audio).inputs("--audio-list", audioLists)
                .input("the bundled clips", audio.isEmpty() && audioLists.isEmpty() ? ReferenceClips.folder() : null)
                .build();
        ReportOutput reportOut = ReportOutput.check(outputs, report, spec);
        ci.check(outputs);
        html.check(outputs);
        return reportOut.run("verify", () -> {
            if (!(atol >= 0) || Double.isInfinite(atol)) { // also refuses NaN
                throw BadInputException.option("--atol must be a finite number >= 0");
            }
            engine.checkThreads();
            engine.checkJobs(jobs);
            var extras = new Extras(trace.mode(), html.plots());
            hashCheck.check(checkpoint);
            PrintWriter human = reportOut.human();
            PrintWriter out = watch.quiet ? new PrintWriter(java.io.Writer.nullWriter()) : human;
            var selection = select.selection();
            var options = new Verification.Options(checkpoint, model, config, converted, audio, audioLists,
                    bandwidths, atol, selection, convertedLabel, resample, streaming.stream, jobs);
            PrintWriter err = spec.commandLine().getErr();
            VerifyReport r = Verification.run(options, engine.computeDevice(err, jobs), line -> {
                        out.println(line);
                        out.flush();
                    }, watch.progress(err), extras);
            print(r, out);
            if (watch.quiet) {
                human.println(verdictLine(r));
            }
            reportOut.write(r, VerifyReport.KIND, "report:    ");
            ci.write(dev.encodecparity.report.RunSummary.of(r, dev.encodecparity.report.RunSummary.modelName(r)),
                    out);
            html.write(() -> HtmlReport.render(r, extras.plots()), out);
            out.flush();
            return r.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        });
    }

    /** "PASS: 18 of 18 rows pass (atol 1.00e-05) in 2.1 s": the line -q keeps. */
    static String verdictLine(VerifyReport r) {
        long failed = r.rows().stream().filter(x -> !x.verdict().passed()).count();
        return String.format(java.util.Locale.ROOT, "%s: %d of %d rows pass%s (atol %s) in %.1f s",
                r.verdict().headline(), r.rows().size() - failed, r.rows().size(),
                r.broken() != null ? ", " + r.broken().brokenRows() + " broken" : "", Table.sci(r.atol()), r.seconds());
    }

    static void print(VerifyReport r, PrintWriter out) {
        Table t = new Table("clip", "kbps", "codebooks", "codes equal", "max abs error", "SNR dB", "verdict");
        for (VerifyReport.Row row : r.rows()) {
            t.row(row.clip(), Table.kbps(row.bandwidth()), row.codebooks(),
                    row.codesEqual() ? "yes" : "no (" + row.codesDiffering() + " of " + row.codesTotal() + ")",
                    Table.sci(row.maxAbsError()), Table.db(row.snrDb()), row.verdict().rowWord());
        }
        out.println();
        t.print(out);
        out.println();
        for (String d : r.settingDifferences()) {
            out.println("settings differ: " + d + " (original vs converted)");
        }
        if (r.diagnosis() != null) {
            out.println("first divergence: " + r.diagnosis().summary());
        }
        if (r.broken() != null) {
            r.broken().summary().forEach(line -> out.println("broken: " + line));
        }
        out.println(verdictLine(r));
    }
}
