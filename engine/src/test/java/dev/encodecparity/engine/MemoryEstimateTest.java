package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.config.Presets;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.testing.FullSize;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The memory estimate that commands check before encoding or decoding is close to what a run really takes: each case
 * runs one encode or decode in a child JVM ({@link MemoryProbe}: fixed, pre-touched heap, the launcher's allocator
 * settings) and compares its peak resident set's growth with the estimate. docs/reliability.md gives the calibration
 * runs, all within a factor of 2; this allows 2.5 for the allocator's run-to-run wandering.
 */
class MemoryEstimateTest {
    private static final double FACTOR = 2.5;

    @Test
    void theWidestConvolutionIsCountedPerAudioSample() {
        // encodec_24khz: the shortcut of the first residual block, 32 channels in and out at the full rate.
        assertEquals(64, MemoryEstimate.width(preset("encodec_24khz"), true));
        // encodec_32khz has no shortcut convolution: its first downsampling, 64 channels in at the full rate and 128
        // out at a quarter of it (64 + 32), and the first block's 64 -> 32.
        assertEquals(96, MemoryEstimate.width(preset("encodec_32khz"), true));
        // Decoding mirrors it: the last block's shortcut, 32 in and out at the full rate.
        assertEquals(64, MemoryEstimate.width(preset("encodec_24khz"), false));
    }

    @Test
    void estimatesAreWithinTwoAndAHalfTimesOfMeasuredPeaks() throws Exception {
        Path tiny24 = TestData.path("checkpoints/tiny_24khz.th");
        Path tiny48 = TestData.path("checkpoints/tiny_48khz.th");
        List<String[]> cases = List.of(
                new String[] {tiny24.toString(), TestData.path("configs/tiny_24khz.json").toString(), "encode", "20"},
                new String[] {tiny24.toString(), TestData.path("configs/tiny_24khz.json").toString(), "decode", "20"},
                new String[] {tiny48.toString(), TestData.path("configs/tiny_48khz.json").toString(), "encode", "10"},
                new String[] {FullSize.checkpoint("encodec_24khz").toString(), "-", "encode", "10"},
                new String[] {FullSize.checkpoint("encodec_24khz").toString(), "-", "decode", "10"});
        StringBuilder report = new StringBuilder();
        List<String> outside = new ArrayList<>();
        for (String[] c : cases) {
            Map<String, Long> v = probe(c);
            long measured = growth(v);
            long estimate = v.get("estimate_bytes");
            double ratio = estimate / (double) measured;
            String line = String.format("%s %s %s s: measured %s, estimated %s (x%.2f)", Path.of(c[0]).getFileName(),
                    c[2], c[3], MemoryEstimate.format(measured), MemoryEstimate.format(estimate), ratio);
            report.append(line).append('\n');
            if (ratio > FACTOR || ratio < 1 / FACTOR) {
                outside.add(line);
            }
        }
        System.out.print(report);
        assertTrue(outside.isEmpty(), "outside a factor of " + FACTOR + ": " + outside + "\n" + report);
    }

    /**
     * A stream keeps only what its next block needs, so a streamed clip's peak does not grow with the clip: 90 s of
     * encodec_24khz take about what 15 s take (220-330 MB either way, 2026-12-06). An array a stream made and never
     * freed shows here; one such, each block's padded and concatenated inputs, once grew a 60 s streamed encode's
     * process to 3.0 GB and a 180 s one's to 8.1 GB.
     */
    @Test
    void aStreamedClipsPeakDoesNotGrowWithTheClip() throws Exception {
        String checkpoint = FullSize.checkpoint("encodec_24khz").toString();
        for (String way : List.of("encode-streamed", "decode-streamed")) {
            long shortPeak = growth(probe(new String[] {checkpoint, "-", way, "15"}));
            long longPeak = growth(probe(new String[] {checkpoint, "-", way, "90"}));
            assertTrue(longPeak <= 2 * shortPeak, way + ": 15 s grew the peak by " + MemoryEstimate.format(shortPeak)
                    + ", 90 s by " + MemoryEstimate.format(longPeak));
        }
    }

    private static long growth(Map<String, Long> probe) {
        return (probe.get("hwm_after_kb") - probe.get("hwm_before_kb")) * 1024;
    }

    private static ModelSpec preset(String name) {
        return Presets.get(name).toSpec();
    }

    /** Runs {@link MemoryProbe} on one case (batch 1) and returns its key=value numbers. */
    private static Map<String, Long> probe(String[] c) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-Dai.djl.offline=true",
                "-Dencodecparity.repo=" + TestData.repo(), "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName(), c[0], c[1], c[2], c[3], "1")).redirectErrorStream(true);
        // The launcher's allocator settings, under which the constants were fitted.
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        pb.environment().put("MALLOC_MMAP_THRESHOLD_", "17179869184");
        pb.environment().put("MALLOC_TRIM_THRESHOLD_", "17179869184");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        String last = out.lines().filter(l -> l.startsWith("hwm_before_kb=")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no result line: " + out));
        Map<String, Long> v = new HashMap<>();
        for (String kv : last.split(" ")) {
            String[] parts = kv.split("=");
            v.put(parts[0], Long.parseLong(parts[1]));
        }
        return v;
    }
}
