package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.FullSize;
import dev.encodecparity.testing.TestData;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same inputs give the same outputs: ten encode-decode runs in one process are bit-identical, with one CPU thread
 * and with two; and one thread against two gives identical codes and audio within the verifier's tolerance (1e-5).
 * Whether audio is bit-identical across thread counts is printed, not assumed (docs/reliability.md records it):
 * libtorch may split a reduction differently with more threads, which moves the last bits of a float sum.
 */
class DeterminismTest {
    private static final int RUNS = 10;

    @TempDir
    Path tmp;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("tiny_24khz", "checkpoints/tiny_24khz.th", "configs/tiny_24khz.json",
                        "audio/music_24000hz_1ch.wav", 3.6),
                Arguments.of("tiny_48khz", "checkpoints/tiny_48khz.th", "configs/tiny_48khz.json",
                        "audio/music_48000hz_2ch.wav", 7.2),
                Arguments.of("tiny_32khz", "checkpoints/tiny_32khz.th", "configs/tiny_32khz.json",
                        "audio/music_32000hz_1ch.wav", 1.4),
                Arguments.of("encodec_24khz", null, null, "audio/music_24000hz_1ch.wav", 24.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sameOutputsAcrossRunsAndThreadCounts(String name, String checkpoint, String config, String clip, double bw)
            throws Exception {
        Path ckpt = checkpoint == null ? FullSize.checkpoint(name) : TestData.path(checkpoint);
        String cfg = config == null ? "-" : TestData.path(config).toString();
        Map<Integer, List<Run>> byThreads = Map.of(1, probe(ckpt, cfg, clip, bw, 1), 2, probe(ckpt, cfg, clip, bw, 2));
        for (var e : byThreads.entrySet()) {
            List<Run> runs = e.getValue();
            assertEquals(RUNS, runs.size());
            for (Run r : runs) {
                assertArrayEquals(runs.get(0).codes, r.codes, name + ": codes changed between runs, " + e.getKey()
                        + " thread(s)");
                assertArrayEquals(runs.get(0).audio, r.audio, name + ": audio changed between runs, " + e.getKey()
                        + " thread(s)");
            }
        }
        Run one = byThreads.get(1).get(0);
        Run two = byThreads.get(2).get(0);
        assertArrayEquals(one.codes, two.codes, name + ": codes differ between 1 and 2 threads");
        double maxDiff = 0;
        long differing = 0;
        for (int i = 0; i < one.audio.length; i++) {
            double d = Math.abs(one.audio[i] - two.audio[i]);
            maxDiff = Math.max(maxDiff, d);
            differing += Float.floatToRawIntBits(one.audio[i]) != Float.floatToRawIntBits(two.audio[i]) ? 1 : 0;
        }
        System.out.printf("determinism %s: %d runs identical per thread count; 1 vs 2 threads: codes identical,"
                + " %d of %d samples differ, max |diff| %.3g%n", name, RUNS, differing, one.audio.length, maxDiff);
        assertTrue(maxDiff <= 1e-5, name + ": audio differs by " + maxDiff + " between 1 and 2 threads");
    }

    private record Run(long[] codes, float[] audio) {
    }

    private List<Run> probe(Path ckpt, String cfg, String clip, double bw, int threads) throws Exception {
        Path out = tmp.resolve("t" + threads + ".bin");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), DeterminismProbe.class.getName(),
                ckpt.toString(), cfg, TestData.path(clip).toString(), Double.toString(bw), Integer.toString(threads),
                Integer.toString(RUNS), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, p.exitValue(), log);
        List<Run> runs = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(out)))) {
            while (in.available() > 0) {
                long[] codes = new long[in.readInt()];
                float[] audio = new float[in.readInt()];
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = in.readLong();
                }
                for (int i = 0; i < audio.length; i++) {
                    audio[i] = in.readFloat();
                }
                runs.add(new Run(codes, audio));
            }
        }
        return runs;
    }
}
