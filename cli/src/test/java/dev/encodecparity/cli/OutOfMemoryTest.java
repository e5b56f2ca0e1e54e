package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encodecparity.audio.NdArray;
import dev.encodecparity.audio.NpyWriter;
import dev.encodecparity.engine.AvailableMemory;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of memory, for real, in a child JVM: a Java heap too small for the clip, and libtorch refused an
 * allocation (the child's address space capped with {@code ulimit -v} just above what a short run needs). Each is one
 * line on stderr, {@code error: out of memory: ...}, with exit code 3 (the environment), not 1 (a failed check) and
 * not a stack trace; no output is written.
 */
class OutOfMemoryTest {
    private static final String[] MODEL = {"--checkpoint", TestData.path("checkpoints/tiny_24khz.th").toString(),
        "--config", TestData.path("configs/tiny_24khz.json").toString()};
    /** JVM options that keep the child's own reservations small and fixed, so a capped address space is the clip's. */
    private static final List<String> SMALL_JVM = List.of("-Xmx96m", "-Xss512k", "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxMetaspaceSize=96m", "-XX:CompressedClassSpaceSize=32m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    @TempDir
    Path tmp;

    @Test
    void aJavaHeapTooSmallForTheClipIsOneLineAndExitThree() throws Exception {
        Path clip = noise(tmp.resolve("seven_minutes.npy"), 10_000_000); // 40 MB of float32
        Path out = tmp.resolve("codes.npz");
        List<String> cmd = java(List.of("-Xmx32m"));
        cmd.addAll(encode(clip, out));
        Result r = run(new ProcessBuilder(cmd));
        assertEquals(ExitCode.ENVIRONMENT, r.exit(), r.output());
        assertEquals(1, r.output().lines().count(), r.output());
        assertTrue(r.output().startsWith("error: out of memory: Java heap space (Java heap limit 3"), r.output());
        assertTrue(r.output().contains("ENCODEC_PARITY_JAVA_OPTS=-Xmx"), r.output());
        assertFalse(Files.exists(out));
    }

    @Test
    void aLibtorchAllocationRefusedByTheSystemIsOneLineAndExitThree() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        List<String> jvm = new ArrayList<>(SMALL_JVM);
        jvm.add("-D" + AvailableMemory.OVERRIDE + "=1000000000000000"); // past the estimate, into libtorch
        // What a 1.5 s clip takes, address space included: the JVM's reservations and libtorch's libraries.
        List<String> probe = java(jvm);
        probe.set(probe.size() - 1, MainWithPeaks.class.getName());
        probe.addAll(encode(TestData.path("audio/speech_24000hz_1ch.wav"), tmp.resolve("short.npz")));
        Result first = run(withAllocatorOfTheLauncher(new ProcessBuilder(probe)));
        assertEquals(0, first.exit(), first.output());
        long peakKb = Long.parseLong(first.output().replaceAll("(?s).*vm_peak_kb=(\\d+).*", "$1"));
        // 100 MB more than that, and a three-minute clip, whose first convolution alone needs 276 MB. (With a
        // two-minute clip, 184 MB, the refusal fell inside oneDNN's code generation, which crashes:
        // docs/reliability.md.)
        Path clip = noise(tmp.resolve("three_minutes.npy"), 4_320_000);
        Path out = tmp.resolve("codes.npz");
        List<String> cmd = java(jvm);
        cmd.addAll(encode(clip, out));
        String capped = "ulimit -v " + (peakKb + 100_000) + " && exec \"$@\"";
        List<String> shell = new ArrayList<>(List.of("/bin/bash", "-c", capped, "bash"));
        shell.addAll(cmd);
        Result r = run(withAllocatorOfTheLauncher(new ProcessBuilder(shell)));
        assertEquals(ExitCode.ENVIRONMENT, r.exit(), r.output());
        assertEquals(1, r.output().lines().count(), r.output());
        assertTrue(r.output().startsWith("error: out of memory: libtorch could not allocate "), r.output());
        // libtorch's allocator names the size; oneDNN's own allocations, refused while it sets up the convolution,
        // reach DJL as a bare std::bad_alloc.
        assertTrue(r.output().matches("(?s).* \\(\\d+ bytes\\).*|(?s).*\\(std::bad_alloc\\).*"), r.output());
        assertFalse(Files.exists(out));
    }

    private static List<String> encode(Path clip, Path out) {
        List<String> args = new ArrayList<>(List.of("encode", "--audio", clip.toString(), "--bandwidth", "3.6",
                "--out", out.toString()));
        args.addAll(List.of(MODEL));
        return args;
    }

    /** The java command for the CLI's main class, with these JVM options. */
    private static List<String> java(List<String> options) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(options);
        cmd.addAll(List.of("-Dai.djl.offline=true", "-Dencodecparity.home=" + TestData.repo(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        return cmd;
    }

    /** One arena, no trimming: as the launcher runs, and fewer address-space reservations by the allocator. */
    private static ProcessBuilder withAllocatorOfTheLauncher(ProcessBuilder pb) {
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        return pb;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the child did not end");
        // SLF4J's start-up notes are not the command's output.
        String ours = output.lines().filter(l -> !l.startsWith("SLF4J")).reduce("", (a, b) -> a + b + "\n");
        return new Result(p.exitValue(), ours.strip());
    }

    /** A float32 .npy of {@code samples} samples of quiet noise, one channel. */
    private static Path noise(Path file, int samples) throws IOException {
        float[] x = new float[samples];
        Random r = new Random(3);
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (0.1 * r.nextGaussian());
        }
        NpyWriter.write(file, NdArray.float32(x, 1, samples));
        return file;
    }
}
