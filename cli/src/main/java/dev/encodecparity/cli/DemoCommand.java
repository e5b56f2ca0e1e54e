package dev.encodecparity.cli;

import dev.encodecparity.convert.ConvertedFolder;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.output.TempFolder;
import dev.encodecparity.plot.RowPlots;
import dev.encodecparity.report.HtmlReport;
import dev.encodecparity.verify.Extras;
import dev.encodecparity.verify.ReferenceClips;
import dev.encodecparity.verify.RowProgress;
import dev.encodecparity.verify.Verification;
import dev.encodecparity.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the README's main job, on the bundled data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Converts the bundled original checkpoints (small models of each variant: 24 kHz causal with"
                + " weight norm, 32 kHz audiocraft package with constant padding, 48 kHz stereo with GroupNorm,"
                + " normalisation and chunking) and verifies each conversion on the bundled clips at every bandwidth.",
                "With --html FILE, one self-contained page of the three runs (with --trace, each model's layer"
                        + " trace); like --keep's folders, it replaces only a page this tool wrote.",
                "Exit 0 when every conversion verifies, 1 otherwise."})
final class DemoCommand implements Callable<Integer> {
    /** A bundled checkpoint, its custom config (null when its xp.cfg has the settings) and what it shows. */
    private record Case(String checkpoint, String config, String shows) {
    }

    private static final List<Case> CASES = List.of(
            new Case("tiny_24khz.th", "tiny_24khz.json",
                    "24 kHz mono, causal, weight norm, reflect padding, conv shortcuts"),
            new Case("tiny_32khz_audiocraft.th", null,
                    "32 kHz audiocraft package: settings from its xp.cfg, constant padding, identity shortcuts"),
            new Case("tiny_48khz.th", "tiny_48khz.json",
                    "48 kHz stereo, GroupNorm, normalisation, 1 s chunks with overlap-add"));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    EngineOptions engine;

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Keep the converted folders under DIR instead of a temporary folder.")
    Path keep;

    @CommandLine.Mixin
    HtmlOption html;

    @CommandLine.Mixin
    TraceOption trace;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path home = ReferenceClips.home().resolve("testdata");
        // With --keep, the folders it converts into may replace only what an earlier demo wrote there (converted
        // model folders), and never the bundled data it reads.
        Outputs rules = Outputs.builder().force(true).input("the bundled data", home).build();
        html.check(rules);
        long start = System.nanoTime();
        ComputeDevice d = engine.computeDevice(spec.commandLine().getErr());
        int failed = 0;
        List<VerifyReport> reports = new ArrayList<>();
        List<RowPlots> plots = new ArrayList<>();
        try (TempFolder temp = keep == null ? TempFolder.create("demo") : null) {
            Path work = keep != null ? keep : temp.path();
            for (int i = 0; i < CASES.size(); i++) {
                Case c = CASES.get(i);
                Path checkpoint = home.resolve("checkpoints").resolve(c.checkpoint());
                Path config = c.config() == null ? null : home.resolve("configs").resolve(c.config());
                Path folder = work.resolve(c.checkpoint().replace(".th", "-hf"));
                out.printf("%n=== %d/%d %s: %s%n", i + 1, CASES.size(), c.checkpoint(), c.shows());
                Converter.Result r = Converter.toTransformers(checkpoint, "auto", config,
                        rules.destination("--keep", folder, ConvertedFolder.KIND));
                out.printf("converted: %d tensors, every one mapped and shape-checked -> %s%n", r.tensors(), folder);
                Extras extras = new Extras(trace.mode(), html.morePlots());
                VerifyReport v = Verification.run(new Verification.Options(checkpoint, "auto", config, folder,
                        List.of(), List.of(), 1e-5), d, line -> out.println(line), RowProgress.NONE, extras);
                reports.add(v);
                plots.add(extras.plots());
                VerifyCommand.print(v, out);
                if (!v.passed()) {
                    failed++;
                }
            }
        }
        out.printf("%ndemo: %d of %d conversions verified (%s) in %.0f s%n", CASES.size() - failed, CASES.size(),
                failed == 0 ? "same codes, same audio" : failed + " FAILED", (System.nanoTime() - start) / 1e9);
        html.write(() -> HtmlReport.render("encodec-parity demo", reports, plots), out);
        out.flush();
        return failed == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
