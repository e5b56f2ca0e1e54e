package dev.encodecparity.cli;

import dev.encodecparity.compare.Verdict;
import dev.encodecparity.verify.RowProgress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Option;

/**
 * What people watching a long run see on standard error while it works: a progress bar with counts and time left
 * when standard error is a terminal (me.tongfei's progressbar), one plain line per finished row otherwise (a CI log);
 * {@code -q} only the verdict line at the end, {@code -v} each row with its time and DJL's own log.
 */
final class WatchOptions {
    @Option(names = {"-q", "--quiet"}, description = "Print only the verdict line (no table, no progress).")
    boolean quiet;

    private boolean verbose;

    @Option(names = {"-v", "--verbose"}, description = "Print every row as it ends, with its time, and DJL's log.")
    void verbose(boolean on) {
        verbose = on;
        if (on) { // read by slf4j-simple when DJL makes its first logger, which is after the options are parsed
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
    }

    boolean verbose() {
        return verbose;
    }

    /** Where the rows' progress goes: a bar on a terminal, lines otherwise, nothing with -q. */
    RowProgress progress(PrintWriter err) {
        if (quiet) {
            return RowProgress.NONE;
        }
        if (!verbose && stderrIsATerminal()) {
            return new Bar();
        }
        return new Lines(err, verbose);
    }

    /** Whether file descriptor 2 is a terminal (Linux: /proc tells; elsewhere, assume a log). */
    static boolean stderrIsATerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** One line per row: "row 3/18 speech.wav @ 1.5 kbps: pass" (with its time under -v). */
    private static final class Lines implements RowProgress {
        private final PrintWriter err;
        private final boolean timed;
        private int total;
        private int done;

        Lines(PrintWriter err, boolean timed) {
            this.err = err;
            this.timed = timed;
        }

        @Override
        public void total(int rows) {
            total = rows;
        }

        @Override
        public void done(String clip, double bandwidth, Verdict verdict, double seconds) {
            done++;
            err.printf(Locale.ROOT, "row %d/%d %s @ %s kbps: %s%s%n", done, total, clip, Table.kbps(bandwidth),
                    verdict.word(), timed ? String.format(Locale.ROOT, " (%.2f s)", seconds) : "");
            err.flush();
        }
    }

    /** A bar with counts, rate and time left, redrawn in place on the terminal. */
    private static final class Bar implements RowProgress {
        private ProgressBar bar;
        private int failed;

        @Override
        public void total(int rows) {
            bar = new ProgressBarBuilder().setTaskName("rows").setInitialMax(rows).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        public void done(String clip, double bandwidth, Verdict verdict, double seconds) {
            if (!verdict.passed()) {
                failed++;
                bar.setExtraMessage(failed + " not passing");
            }
            bar.step();
        }

        @Override
        public void finished() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
