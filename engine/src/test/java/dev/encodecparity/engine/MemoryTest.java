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
        long growth = Long.parseLong(v.get("rss_after_kb")) - Long.parseLong(v.get("rss_before_kb"));
        // Each call allocates about a megabyte of native tensors: leaking even 1% of that per call would add 10 MB.
        assertTrue(growth < 8 * 1024, "resident set grew by " + growth + " kB over 1000 calls: " + last);
    }
}
