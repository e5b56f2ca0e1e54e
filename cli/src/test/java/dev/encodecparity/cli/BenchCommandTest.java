package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench} as scripts call it: one JSON line on stdout with the keys the issue names, and its exit codes. */
class BenchCommandTest {
    private static final Object[] MODEL = {"--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--config",
        TestData.path("configs/tiny_24khz.json")};

    @Test
    void printsOneJsonLineWithTimesAndVersions() throws IOException {
        CliRun r = CliRun.of(concat(MODEL, "--seconds", "1", "--batch", "2", "--iterations", "3",
                "--device", "cpu"));
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(1, lines.size(), r.out());
        JsonNode j = Json.MAPPER.readTree(lines.get(0));
        for (String key : List.of("encode_median_s", "encode_min_s", "decode_median_s", "decode_min_s", "both_median_s",
                "both_min_s", "rtf_encode", "rtf_decode", "rtf_both", "batch", "device", "threads", "libtorch", "djl",
                "encode_gflops", "decode_gflops", "matmul_peak_gflops")) {
            assertTrue(j.has(key), "missing " + key + ": " + lines.get(0));
        }
        assertEquals(2, j.get("batch").asInt());
        assertTrue(j.get("threads").asInt() >= 1);
        assertEquals("cpu", j.get("device").asText());
        assertEquals("2.7.1", j.get("libtorch").asText());
        for (String part : List.of("encode", "decode", "both")) {
            double min = j.get(part + "_min_s").asDouble();
            double median = j.get(part + "_median_s").asDouble();
            assertTrue(min > 0 && min <= median, part + ": min " + min + ", median " + median);
            double max = j.get(part + "_max_s").asDouble();
            assertTrue(median <= max, part + ": median " + median + ", max " + max);
            assertEquals((max - min) / median, j.get(part + "_spread").asDouble(), 1e-12, part + " spread");
            JsonNode runs = j.get(part + "_runs_s");
            assertEquals(3, runs.size(), part + " runs: " + runs);
            double[] sorted = new double[3];
            for (int i = 0; i < 3; i++) {
                sorted[i] = runs.get(i).asDouble();
            }
            java.util.Arrays.sort(sorted);
            assertEquals(min, sorted[0], 0, part + " runs against min");
            assertEquals(median, sorted[1], 0, part + " runs against median");
            assertEquals(max, sorted[2], 0, part + " runs against max");
        }
        // Real-time factor: audio seconds (1 s per item, 2 items) over the median wall time.
        assertEquals(2.0 / j.get("both_median_s").asDouble(), j.get("rtf_both").asDouble(), 1e-6);
        assertTrue(j.get("matmul_peak_gflops").asDouble() > 0);
    }

    @Test
    void badOptionsExitTwo() {
        CliRun zero = CliRun.of(concat(MODEL, "--iterations", "0"));
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("must be positive"), zero.err());
        assertEquals(2, CliRun.of(concat(MODEL, "--bandwidth", "99")).exitCode());
        assertEquals(2, CliRun.of("bench", "--checkpoint", TestData.path("audio/speech_24000hz_1ch.wav")).exitCode());
    }

    private static Object[] concat(Object[] model, Object... rest) {
        Object[] out = new Object[model.length + rest.length + 1];
        out[0] = "bench";
        System.arraycopy(model, 0, out, 1, model.length);
        System.arraycopy(rest, 0, out, 1 + model.length, rest.length);
        return out;
    }
}
