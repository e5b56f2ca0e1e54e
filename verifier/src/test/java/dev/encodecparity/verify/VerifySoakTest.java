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
 * A long nightly job must not grow: 200 verify runs in one process (the 1,000-run figure is in docs/reliability.md)
 * leave the live DJL arrays, open files, heap after GC and resident set where they were after warm-up, and every
 * run's report rows are the same. In a child JVM with a fixed heap, so resident-set growth can only be native memory.
 */
class VerifySoakTest {
    /** 200 in CI; {@code -Dencodecparity.soakRuns=1000} for the documented figure. */
    private static final int RUNS = Integer.getInteger("encodecparity.soakRuns", 200);

    @Test
    void manyVerifyRunsLeaveMemoryFlat() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xms96m", "-Xmx96m", "-XX:+UseSerialGC",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dencodecparity.repo=" + TestData.repo(),
                "-cp", System.getProperty("java.class.path"), VerifySoak.class.getName(), Integer.toString(RUNS)));
        // One malloc arena as in the launcher, but glibc's default trim and mmap thresholds: the launcher's raise
        // them so that freed memory stays mapped (faster), which makes the resident set a high-water mark that
        // steps up now and then; with the defaults it follows what is live, so a leak shows (docs/reliability.md).
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        pb.environment().remove("MALLOC_MMAP_THRESHOLD_");
        pb.environment().remove("MALLOC_TRIM_THRESHOLD_");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "soak did not finish");
        assertEquals(0, p.exitValue(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        System.out.println(out.strip());
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
        // The resident set wanders by several megabytes from sample to sample (the allocator takes and returns
        // memory in large pieces); a leak raises its floor. Compare the lowest sample of each half of the run.
        List<Long> rss = out.lines().filter(l -> l.startsWith("run ")).map(l -> Long.parseLong(
                l.replaceAll(".*rss (\\d+) kB.*", "$1"))).toList();
        assertEquals(10, rss.size(), out);
        long firstFloor = rss.subList(0, 5).stream().min(Long::compare).orElseThrow();
        long lastFloor = rss.subList(5, 10).stream().min(Long::compare).orElseThrow();
        // A run loads two models and their tensors natively (several MB): leaking 1% of that per run would raise
        // the floor by 20+ MB over 200 runs.
        assertTrue(lastFloor - firstFloor < 8 * 1024, "the resident set's floor rose by " + (lastFloor - firstFloor)
                + " kB: " + out);
    }
}
