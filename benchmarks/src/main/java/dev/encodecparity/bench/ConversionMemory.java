package dev.encodecparity.bench;

import dev.encodecparity.output.Staging;
import dev.encodecparity.convert.Converter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak resident memory of one conversion, beside the checkpoint's size. JMH measures time, not peak memory, so this
 * small harness does: it resets the kernel's high-water mark of the process's resident set
 * ({@code /proc/self/clear_refs}), converts, and reads the new high-water mark ({@code VmHWM} in
 * {@code /proc/self/status}). The JVM's own baseline (classes, JIT, heap already in use) is reported apart.
 *
 * <p>HOW TO RUN (from the repository root, after benchmarks/fullsize.sh):
 * <pre>
 *   java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.encodecparity.bench.ConversionMemory encodec_24khz
  * encodec_48khz
 * </pre>
 */
public final class ConversionMemory {
    private ConversionMemory() {
    }

    public static void main(String[] args) throws IOException {
        for (String preset : args) {
            Path checkpoint = FullSizeCheckpoints.of(preset);
            Path out = Files.createTempDirectory("conversion-memory").resolve("out");
            Converter.toTransformers(checkpoint, "auto", null, out, false); // load classes, warm up
            Staging.deleteTree(out);
            System.gc();
            long baseline = kib("VmRSS");
            Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // reset VmHWM to the current RSS
            Converter.toTransformers(checkpoint, "auto", null, out, false);
            long peak = kib("VmHWM");
            Staging.deleteTree(out.getParent());
            double fileMb = Files.size(checkpoint) / 1e6;
            System.out.printf("%s: checkpoint %.1f MB; process RSS before %.1f MB, peak during conversion %.1f MB"
                    + " (+%.1f MB, %.2fx the checkpoint size)%n", preset, fileMb, baseline / 1024.0, peak / 1024.0,
                    (peak - baseline) / 1024.0, (peak - baseline) / 1024.0 * 1.048576 / fileMb);
        }
    }

    private static long kib(String field) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
        for (String l : lines) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc/self/status");
    }
}
