package dev.encodecparity.cli;

import dev.encodecparity.output.Destination;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.plot.RowPlots;
import dev.encodecparity.report.ReportFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --html FILE} of verify, golden check and demo: one self-contained page of the run, with each row's plots.
 * Checked with the run's other outputs before any work; the plot data is collected only when it is given (a few
 * tens of kilobytes a row, never the audio), and the page written after the run under the one overwrite rule.
 */
final class HtmlOption {
    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML page of the run:"
            + " verdict, provenance, layer traces, and every row in a table that sorts and filters, with its"
            + " waveforms, spectrograms and codes on demand. Opens from disk; nothing is fetched.")
    Path html;

    private Destination out;
    private RowPlots plots = RowPlots.NONE;

    /** Checks the page's path against the run's rules, before any work. */
    void check(Outputs outputs) {
        if (html != null) {
            out = outputs.destination("--html", html, ReportFiles.HTML);
            plots = RowPlots.collecting();
        }
    }

    /** Where the run puts its rows' plot data: nowhere without {@code --html}. */
    RowPlots plots() {
        return plots;
    }

    /** One more run's plot data, for a page of several runs ({@code demo}): nowhere without {@code --html}. */
    RowPlots morePlots() {
        return out == null ? RowPlots.NONE : RowPlots.collecting();
    }

    /** Writes the page, if one was asked for, and says where. */
    void write(Supplier<String> page, PrintWriter human) {
        if (out == null) {
            return;
        }
        String text = page.get();
        out.publish(staging -> Files.writeString(staging, text));
        human.println("html:      " + out.given());
        human.flush();
    }
}
