package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encodecparity.testing.TestData;
import dev.encodecparity.verify.BreakageAccess;
import java.nio.file.Path;

/**
 * The HTML pages the report's tests look at, each made by the tool itself from the bundled data: the page of a
 * passing demo run, and the page of a deliberately broken conversion of the bundled 48 kHz model.
 */
final class ReportPages {
    static final Path CKPT_48 = TestData.path("checkpoints/tiny_48khz.th");
    static final Path CONFIG_48 = TestData.path("configs/tiny_48khz.json");
    /** The one weight the broken conversion scales by 1.01; its module, decoder.6, is the first to diverge. */
    static final String BROKEN_TENSOR = "decoder.layers.6.conv.weight";
    /** The page's headline for that conversion. */
    static final String BROKEN_HEADLINE = "First diverging module: decoder.6 (transposed conv), while decoding";

    private ReportPages() {
    }

    /** {@code demo --html page --trace}: its three conversions verified, each model's first clip traced. */
    static Path demo(Path page) {
        CliRun r = CliRun.of("demo", "--html", page, "--trace", "--threads", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        return page;
    }

    /**
     * {@code verify --html page --report report} of a conversion of the bundled 48 kHz model (converted into
     * {@code work}) with {@link #BROKEN_TENSOR} scaled by 1.01: a failing run.
     */
    static Path broken(Path work, Path page, Path report) throws Exception {
        Path model = work.resolve("model");
        assertEquals(ExitCode.OK, CliRun.of("convert", "--checkpoint", CKPT_48, "--config", CONFIG_48, "--out", model)
                .exitCode());
        Path broken = BreakageAccess.scaleTensor(model, work.resolve("broken"), BROKEN_TENSOR, 1.01f);
        CliRun bad = CliRun.of("verify", "--checkpoint", CKPT_48, "--config", CONFIG_48, "--converted", broken,
                "--html", page, "--report", report, "--threads", "1");
        assertEquals(ExitCode.CHECK_FAILED, bad.exitCode(), bad.err());
        return page;
    }
}
