package dev.encodecparity.cli;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.convert.TransformersFolder;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.golden.FolderIdentity;
import dev.encodecparity.golden.GoldenCheck;
import dev.encodecparity.golden.GoldenFolder;
import dev.encodecparity.golden.GoldenManifest;
import dev.encodecparity.golden.GoldenRecorder;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.output.Destination;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.report.HtmlReport;
import dev.encodecparity.verify.Clip;
import dev.encodecparity.verify.Corpus;
import dev.encodecparity.verify.Extras;
import dev.encodecparity.verify.ReferenceClips;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code golden record} and {@code golden check}: regression goldens for nightly runs. */
@Command(name = "golden", mixinStandardHelpOptions = true,
        description = "Records golden outputs of a model, or checks a model against them (after a driver, CUDA,"
                + " libtorch or DJL upgrade, or between CPU and GPU).",
        subcommands = {GoldenCommand.Record.class, GoldenCommand.Check.class})
final class GoldenCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Main.missingSubcommand(spec.commandLine());
    }

    /** The SHA-256 of the model's files, to tell a changed model from a changed stack. */
    static Map<String, String> modelFiles(ModelOptions model) {
        Map<String, String> files = new LinkedHashMap<>();
        Path f = model.file();
        if (Files.isDirectory(f)) {
            for (String name : List.of(TransformersFolder.WEIGHTS, TransformersFolder.CONFIG)) {
                if (Files.exists(f.resolve(name))) {
                    files.put(name, Hashing.sha256(f.resolve(name)));
                }
            }
        } else {
            files.put(f.getFileName().toString(), Hashing.sha256(f));
        }
        return files;
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Stores, per clip and bandwidth, the codes and the decoded audio, with the clips and a"
                    + " manifest (versions, device, date, tolerances).",
                    "Example: encodec-parity golden record --model-dir encodec_24khz-hf --out goldens/cpu"})
    static final class Record implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--out", required = true, paramLabel = "GOLDEN_DIR", description = "Folder to create.")
        Path out;

        @Option(names = "--audio", arity = "1..*", paramLabel = "FILE",
                description = "Clips, folders of clips (sorted) or glob patterns. Default: the bundled reference clips"
                        + " at the model's rate.")
        List<Path> audio = List.of();

        @Option(names = "--audio-list", paramLabel = "FILE",
                description = "A file listing clips, one path per line, relative to the list's folder.")
        List<Path> audioLists = List.of();

        @Option(names = "--bandwidth", arity = "1..*", paramLabel = "KBPS",
                description = "Bandwidths. Default: every bandwidth of the model.")
        List<Double> bandwidths = List.of();

        @Option(names = "--force", description = "Replace a golden folder that an earlier golden record wrote.")
        boolean force;

        @Override
        public Integer call() {
            boolean bundled = audio.isEmpty() && audioLists.isEmpty();
            Destination dest = model.addInputs(Outputs.builder().force(force)).inputs("--audio", audio)
                    .inputs("--audio-list", audioLists).input("the bundled clips", bundled ? ReferenceClips.folder()
                            : null).build().destination("--out", out, GoldenFolder.KIND);
            var device = model.computeDevice(spec.commandLine().getErr());
            try (ModelSource source = model.open(); Codec codec = Codec.load(source, device)) {
                List<Clip> clips = new ArrayList<>();
                for (Path p : bundled ? ReferenceClips.forModel(codec.spec()) : Corpus.of(audio, audioLists).paths()) {
                    clips.add(Clip.read(p, codec.spec()));
                }
                List<Double> bws = bandwidths.isEmpty() ? codec.spec().bandwidths() : bandwidths;
                GoldenManifest m = GoldenRecorder.record(codec, modelFiles(model), clips, bws, dest);
                PrintWriter w = spec.commandLine().getOut();
                w.printf("recorded %d entries (%d clips x %d bandwidths) into %s%n", m.entries().size(), clips.size(),
                        bws.size(), out);
                w.printf("  model:   %s%n  engine:  %s%n", codec.source(), codec.info().summary());
                w.flush();
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Runs the recorded inputs and compares: codes (near ties, where the two nearest entries are"
                    + " closer than --tie-margin, are reported apart from real differences) and the audio decoded from"
                    + " the golden codes (within --atol + --rtol x |golden|). Exit 0 pass, 1 a difference, 2 error.",
                    "Example: encodec-parity golden check --model-dir encodec_24khz-hf --goldens goldens/cpu"})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--goldens", required = true, paramLabel = "GOLDEN_DIR", description = "Recorded goldens.")
        Path goldens;

        @Option(names = "--atol", paramLabel = "A", description = "Audio: absolute tolerance. Default: the manifest's.")
        Double atol;

        @Option(names = "--rtol", paramLabel = "R", description = "Audio: relative tolerance. Default: the manifest's.")
        Double rtol;

        @Option(names = "--tie-margin", paramLabel = "M",
                description = "Codes: a differing code is a near tie when the two entries' distances differ by at most"
                        + " M times the size of the distance terms. Default: the manifest's.")
        Double tieMargin;

        @Option(names = "--report", paramLabel = "report.json",
                description = "Write the full report as JSON (- for standard output; the table then goes to standard"
                        + " error).")
        Path report;

        @Option(names = "--force", description = "Replace a report that an earlier run wrote.")
        boolean force;

        @Mixin
        CiReportOptions ci;

        @Mixin
        HtmlOption html;

        @Mixin
        TraceOption trace;

        @Mixin
        SelectionOptions select;

        @Mixin
        WatchOptions watch;

        @Override
        public Integer call() throws Exception {
            var outputs = model.addInputs(ReportOutput.rules(spec, force)).input("--goldens", goldens).build();
            ReportOutput reportOut = ReportOutput.check(outputs, report, spec);
            ci.check(outputs);
            html.check(outputs);
            return reportOut.run("golden check", () -> check(reportOut));
        }

        private int check(ReportOutput reportOut) {
            model.checkThreads();
            var extras = new Extras(trace.mode(), html.plots());
            FolderIdentity folder = FolderIdentity.of(goldens);
            GoldenManifest m = folder.read(goldens, GoldenManifest::read);
            GoldenManifest.Tolerances t = m.tolerances();
            GoldenManifest.Tolerances tol = new GoldenManifest.Tolerances(atol != null ? atol : t.atol(),
                    rtol != null ? rtol : t.rtol(), tieMargin != null ? tieMargin : t.tieMargin(), t.note());
            for (double v : new double[] {tol.atol(), tol.rtol(), tol.tieMargin()}) {
                if (!(v >= 0) || Double.isInfinite(v)) { // also refuses NaN
                    throw BadInputException.option("tolerances must be finite numbers >= 0");
                }
            }
            var device = model.computeDevice(spec.commandLine().getErr());
            try (ModelSource source = model.open(); Codec codec = Codec.load(source, device)) {
                var selection = select.selection();
                var watcher = watch.progress(spec.commandLine().getErr());
                GoldenCheck.Report r = folder.read(goldens,
                        g -> GoldenCheck.run(codec, g, m, modelFiles(model), tol, selection, watcher, extras));
                PrintWriter human = reportOut.human();
                PrintWriter out = watch.quiet ? new PrintWriter(java.io.Writer.nullWriter()) : human;
                print(r, out);
                if (watch.quiet) {
                    human.println(verdictLine(r));
                }
                reportOut.write(r, GoldenCheck.Report.KIND, "report: ");
                String goldensName = goldens.toAbsolutePath().normalize().getFileName().toString();
                ci.write(dev.encodecparity.report.RunSummary.of(r, goldensName), out);
                html.write(() -> HtmlReport.render(r, goldensName, extras.plots()), out);
                return r.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
            }
        }

        /** "PASS: 6 of 6 entries pass (atol ..., rtol ..., tie margin ...)": the line -q keeps. */
        static String verdictLine(GoldenCheck.Report r) {
            long failed = r.rows().stream().filter(x -> !x.verdict().passed()).count();
            return String.format("%s: %d of %d entries pass (atol %s, rtol %s, tie margin %s)", r.verdict().headline(),
                    r.rows().size() - failed, r.rows().size(), Table.sci(r.tolerances().atol()),
                    Table.sci(r.tolerances().rtol()), Table.sci(r.tolerances().tieMargin()));
        }

        private static void print(GoldenCheck.Report r, PrintWriter out) {
            out.println("checking on:   " + r.engine().summary());
            out.println("recorded with: " + r.recordedWith().summary());
            Table t = new Table("clip", "kbps", "codebooks", "codes", "max abs error", "SNR dB", "verdict");
            for (GoldenCheck.Row row : r.rows()) {
                String codes = row.codesDiffering() == 0 ? "identical" : row.realDifferences() < 0 ? "different layout"
                        : row.nearTies() + " near ties, " + row.realDifferences() + " frames differ";
                t.row(row.clip(), Table.kbps(row.bandwidth()), row.codebooks(), codes, Table.sci(row.maxAbsError()),
                        Table.db(row.snrDb()), row.verdict().rowWord());
            }
            out.println();
            t.print(out);
            out.println();
            r.notes().forEach(n -> out.println("note: " + n));
            out.println(verdictLine(r));
        }
    }
}
