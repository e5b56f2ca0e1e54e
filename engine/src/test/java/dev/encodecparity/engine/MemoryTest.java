package dev.encodecparity.engine;

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
 * Native memory has one owner: every call works in its own manager and frees it, and the weights' manager is capped
 * so nothing can attach to it. 1,000 encode calls in one process leave the number of live arrays unchanged and the
 * resident set flat. Measured in a child JVM with a fixed 64 MB heap, so that heap sizing cannot pass for native
 * memory (with a growing heap the resident set wanders by a hundred megabytes either way).
 */
class MemoryTest {
    @Test
    void thousandEncodesLeaveMemoryFlat() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xms64m", "-Xmx64m", "-XX:+UseSerialGC",
                "-Dai.djl.offline=true", "-Dencodecparity.repo=" + TestData.repo(),
                "-cp", System.getProperty("java.class.path"), EncodeSoak.class.getName(), "1000"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "soak did not finish");
        assertEquals(0, p.exitValue(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        Map<String, String> v = new HashMap<>();
        for (String kv : last.split(" ")) {
            String[] parts = kv.split("=");
            v.put(parts[0], parts[1]);
        }
        System.out.println("1000 encodes: " + last);
        assertEquals(v.get("arrays_before"), v.get("arrays_after"), "live DJL arrays changed: " + last);
        assertEquals("true", v.get("repeatable"), "encode gave different codes for the same input: " + last);
        // Each call allocates about a megabyte of native tensors: leaking even 1% of that is 10 kB per call. The
        // resident set also steps by a few megabytes either way as the allocator settles (1.5 to 11 MB over 1,000
        // calls in repeated runs, not growing with more calls), so the growth is the median of the slopes between
        // every two readings (Theil-Sen), which such steps do not move, bounded at 4 kB per call.
        String[] readings = v.get("rss_every_" + EncodeSoak.CHECKPOINT + "_kb").split(",");
        List<Double> slopes = new java.util.ArrayList<>();
        for (int i = 0; i < readings.length; i++) {
            for (int j = i + 1; j < readings.length; j++) {
                slopes.add((Long.parseLong(readings[j]) - Long.parseLong(readings[i]))
                        / (double) ((j - i) * EncodeSoak.CHECKPOINT));
            }
        }
        java.util.Collections.sort(slopes);
        double perCall = slopes.get(slopes.size() / 2);
        System.out.printf("resident set: %.2f kB per call (Theil-Sen over %d readings)%n", perCall, readings.length);
        assertTrue(perCall < 4, "resident set grows by " + perCall + " kB per call: " + last);
    }
}
