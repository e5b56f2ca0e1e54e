package dev.encodecparity.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A long nightly job must not grow: 1,000 verify runs in one process (the figure in docs/reliability.md) leave the
 * live DJL arrays, open files, heap after GC and resident set where they were after warm-up, and every run's report
 * rows are the same. In a child JVM with a fixed heap, so resident-set growth can only be native memory.
 */
class VerifySoakTest {
    /**
     * 1,000, the documented figure ({@code -Dencodecparity.soakRuns=N} for another). 200 were too few: a clean soak's
     * resident set once rose 15 MB over 80 runs and fell back 5 MB, which read 2.4 MB per 20 runs against the 2 MB
     * bound (2026-12-06); with 100 runs a sample the bound is 10 MB, and such wander stays well under it.
     */
    private static final int RUNS = Integer.getInteger("encodecparity.soakRuns", 1000);

    /**
     * The deliberate leak's runs: it leaks through direct buffers, which the child's 96 MB heap also bounds, so 200
     * (40 MB), not {@link #RUNS}. The estimator and the per-run bound are the same.
     */
    private static final int LEAK_RUNS = 200;

    @Test
    void manyVerifyRunsLeaveMemoryFlat() throws IOException, InterruptedException {
        String out = soak(RUNS, 200, 0);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        Map<String, String> v = new HashMap<>();
        for (String kv : last.split(" ")) {
            String[] parts = kv.split("=");
            v.put(parts[0], parts[1]);
        }
        assertEquals("true", v.get("same_reports"), "reports changed between runs: " + out);
        assertEquals(v.get("arrays_before"), v.get("arrays_after"), "live DJL arrays changed: " + out);
        assertEquals(v.get("fds_before"), v.get("fds_after"), "open file descriptors changed: " + out);
        long heapGrowth = Long.parseLong(v.get("heap_after_kb")) - Long.parseLong(v.get("heap_before_kb"));
        // A run allocates tens of megabytes of heap; keeping even 10 kB of it per run would add 2 MB here.
        assertTrue(heapGrowth < 2 * 1024, "heap after GC grew by " + heapGrowth + " kB: " + out);
        long step = growthPerSample(out);
        // A run loads two models and their tensors natively (several MB); keeping 2% of that, 100 kB a run, would
        // make every step between samples (RUNS / 10 runs apart) that many times larger.
        assertTrue(step < LEAK_LIMIT_KB_PER_RUN * RUNS / 10, "the resident set grows by " + step + " kB per "
                + RUNS / 10 + " runs: " + out);
    }

    /**
     * The check above is not blind: a soak with a deliberate 200 kB leak per run fails the same estimator and per-run
     * bound. {@link #LEAK_RUNS} runs (a shorter warm-up): with 10 runs between samples a 2 MB leak step was once hidden
     * under the resident set's wander, with 20 it is 4 MB.
     */
    @Test
    void aLeakIsCaught() throws IOException, InterruptedException {
        int runs = LEAK_RUNS;
        String out = soak(runs, 50, 200);
        long step = growthPerSample(out);
        assertTrue(step >= LEAK_LIMIT_KB_PER_RUN * runs / 10, "a 200 kB/run leak went unnoticed: growth per "
                + runs / 10 + " runs " + step + " kB: " + out);
    }

    // Half the deliberate leak of aLeakIsCaught. A loaded machine (other builds running) compiles later, and its
    // resident set still rose by about 40 kB a run between runs 200 and 400 of a clean soak; 50 kB was too close.
    private static final long LEAK_LIMIT_KB_PER_RUN = 100;

    /** Runs {@link VerifySoak} in a child JVM with a fixed heap; returns what it printed. */
    private static String soak(int runs, int warmUp, int leakKb) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xms96m", "-Xmx96m", "-XX:+UseSerialGC",
                // every heap page resident from the start: otherwise the heap's first touches, which go on for many
                // runs, count as resident-set growth, and the check is meant to see native memory alone
                "-XX:+AlwaysPreTouch",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dencodecparity.repo=" + TestData.repo(),
                "-Dencodecparity.soakWarmUp=" + warmUp, "-Dencodecparity.soakLeakKb=" + leakKb,
                "-cp", System.getProperty("java.class.path"), VerifySoak.class.getName(), Integer.toString(runs)));
        // One malloc arena as in the launcher, but a fixed 128 KiB mmap threshold and glibc's default trim threshold:
        // the launcher raises both so that freed memory stays mapped (faster), which makes the resident set a
        // high-water mark; here large blocks are returned when freed, so the resident set follows what is live.
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        pb.environment().put("MALLOC_MMAP_THRESHOLD_", "131072");
        pb.environment().remove("MALLOC_TRIM_THRESHOLD_");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "soak did not finish");
        assertEquals(0, p.exitValue(), out);
        System.out.println(out.strip());
        return out;
    }

    /**
     * The resident set's growth per sample interval (a tenth of the runs): the soak's ten samples cut into three
     * thirds (samples 0-3, 3-6 and 6-9), each third's slope the median of the slopes between every two of its samples
     * (Theil-Sen), and the median of the three. A leak adds the same amount between every two samples, so every third
     * shows it; the resident set also wanders by megabytes between samples on a loaded machine and now and then steps
     * up once (the JIT's code cache, the allocator's pools) before levelling off (docs/reliability.md), and one step
     * lies in one third only. Measured: a clean soak in a full suite stepped up 15 MB between runs 120 and 140 and
     * was flat around it (all-pairs median 2.5 MB per 20 runs, over the bound; thirds 1.4, 7.0 and 0.2 MB, median
     * 1.4), while the deliberate 200 kB/run leak read 2.2, 7.0 and 4.2 MB (median 4.2).
     */
    private static long growthPerSample(String out) {
        List<Long> rss = out.lines().filter(l -> l.startsWith("run ")).map(l -> Long.parseLong(
                l.replaceAll(".*rss (\\d+) kB.*", "$1"))).toList();
        assertEquals(10, rss.size(), out);
        List<Double> thirds = new java.util.ArrayList<>();
        for (int from = 0; from < 9; from += 3) {
            thirds.add(theilSen(rss.subList(from, from + 4)));
        }
        return Math.round(thirds.stream().sorted().toList().get(1));
    }

    /** The median of the slopes between every two samples (the upper one of an even count). */
    private static double theilSen(List<Long> samples) {
        List<Double> slopes = new java.util.ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                slopes.add((double) (samples.get(j) - samples.get(i)) / (j - i));
            }
        }
        List<Double> sorted = slopes.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
