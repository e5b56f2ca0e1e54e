package dev.encodecparity.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line as the launcher runs it ({@link Main#run}), followed by one line on standard output with the
 * process's peaks from {@code /proc/self/status}: {@code peaks: vm_peak_kb=... vm_hwm_kb=...} (virtual size and
 * resident set). For tests that run a command in a child JVM and need to know what it took.
 */
public final class MainWithPeaks {
    private MainWithPeaks() {
    }

    public static void main(String[] args) throws Exception {
        int code = Main.run(args);
        long peak = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmPeak:")) {
                peak = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        System.out.println("peaks: vm_peak_kb=" + peak + " vm_hwm_kb=" + hwm);
        System.exit(code);
    }
}
