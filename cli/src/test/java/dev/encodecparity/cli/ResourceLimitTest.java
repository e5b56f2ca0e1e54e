package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.engine.AvailableMemory;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options and inputs that would cost more than the machine has are refused before any work, with one line: a thread
 * count above the processor count (exit 2, bad input), and a clip or codes file whose estimated memory does not fit
 * in the memory available (exit 3, the environment; the available figure is set for the test).
 */
class ResourceLimitTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final Path CLIP = TestData.path("audio/speech_24000hz_1ch.wav");

    @TempDir
    Path tmp;

    @Test
    void threadsAboveTheProcessorCountAreRefusedInEveryCommandThatTakesThem() throws IOException {
        int processors = Runtime.getRuntime().availableProcessors();
        String expected = "error: --threads 100000: this machine has " + processors + " processor"
                + (processors == 1 ? "" : "s");
        Path goldens = Files.createDirectories(tmp.resolve("goldens")); // never read: the option is checked first
        List<List<Object>> commands = List.of(
                List.of("encode", "--audio", CLIP, "--bandwidth", "3.6", "--out", tmp.resolve("x.npz")),
                List.of("decode", "--codes", tmp.resolve("none.npz"), "--out", tmp.resolve("x.wav")),
                List.of("verify", "--audio", CLIP),
                List.of("golden", "record", "--out", tmp.resolve("g")),
                List.of("golden", "check", "--goldens", goldens),
                List.of("bench", "--seconds", "0.1"));
        for (List<Object> command : commands) {
            List<Object> args = new ArrayList<>(command);
            args.addAll(List.of("--checkpoint", CKPT, "--config", CONFIG, "--threads", "100000"));
            CliRun r = CliRun.of(args.toArray());
            assertEquals(ExitCode.ERROR, r.exitCode(), command + ": " + r.err());
            assertEquals(expected, r.err().strip(), command.get(0) + ": " + r.err());
        }
        // The processor count itself is allowed.
        CliRun r = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--threads", processors, "--audio",
                CLIP, "--bandwidth", "3.6", "--out", tmp.resolve("ok.npz"));
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
    }

    /** With 20 MB available, the 1.5 s speech clip (about 47 MB to encode and decode on the tiny model) is refused. */
    @Test
    void aClipThatCannotFitInTheAvailableMemoryIsRefusedInEveryCommandThatEncodes() {
        // encode only encodes: its estimate is the encoding's; the others encode and decode the clip
        String encodes = "error: " + CLIP + ": encoding 1.5 s of audio needs about ";
        String both = "error: " + CLIP + ": encoding and decoding 1.5 s of audio needs about ";
        List<List<Object>> commands = List.of(
                List.of("encode", "--bandwidth", "3.6", "--out", tmp.resolve("x.npz")),
                List.of("verify"),
                List.of("golden", "record", "--out", tmp.resolve("g")),
                List.of("bench", "--audio", CLIP, "--seconds", "1.5"));
        for (List<Object> command : commands) {
            List<Object> args = new ArrayList<>(command);
            args.addAll(List.of("--checkpoint", CKPT, "--config", CONFIG));
            if (!command.get(0).equals("bench")) {
                args.addAll(List.of("--audio", CLIP));
            }
            CliRun r = withAvailableMemory(20_000_000, () -> CliRun.of(args.toArray()));
            assertEquals(ExitCode.ENVIRONMENT, r.exitCode(), command + ": " + r.err() + r.out());
            List<String> lines = r.err().lines().toList();
            assertEquals(1, lines.size(), r.err());
            assertTrue(lines.get(0).startsWith(command.get(0).equals("encode") ? encodes : both),
                    command.get(0) + ": " + r.err());
            assertTrue(lines.get(0).endsWith(" of memory, and 20 MB is available (set by -D"
                    + AvailableMemory.OVERRIDE + "); split it into shorter clips or use a machine with more memory"),
                    r.err());
        }
        assertFalse(Files.exists(tmp.resolve("x.npz")) || Files.exists(tmp.resolve("g")), "an output was written");
    }

    /**
     * 125 kB of deflated zeros declaring codes of 2 million frames (7.4 hours of 24 kHz audio): refused from the
     * arrays' headers before their 128 MB are inflated, on a machine with 150 MB available (streamed, the engine and
     * the file written a block at a time need little, but the codes alone are 128 MB of Java arrays).
     */
    @Test
    void aSmallCodesFileDescribingTwoMillionFramesIsRefusedByItsDeclaredShape() throws IOException {
        Path codes = deflatedZeroCodes(tmp.resolve("huge.npz"), 8, 2_000_000);
        assertTrue(Files.size(codes) < 200_000, Files.size(codes) + " bytes");
        long before = THREADS.getCurrentThreadAllocatedBytes();
        CliRun r = withAvailableMemory(150_000_000L, () -> CliRun.of("decode", "--checkpoint", CKPT, "--config",
                CONFIG, "--codes", codes, "--out", tmp.resolve("x.wav")));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(ExitCode.ENVIRONMENT, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + codes + ": decoding 26666.7 s (7.4 h) of audio needs about ")
                && r.err().contains(" of memory even streamed, and 150 MB is available"), r.err());
        assertTrue(allocated < 64_000_000, "allocated " + allocated + " bytes: the codes were read");
        assertFalse(Files.exists(tmp.resolve("x.wav")));
    }

    /**
     * Decoding writes what the codes declare, a block at a time: where the output's file system has less free space
     * than the file will take, it is refused before any work (exit 3), and nothing is written.
     */
    @Test
    void anOutputLargerThanTheFreeDiskSpaceIsRefusedBeforeDecoding() {
        Path codes = tmp.resolve("c.npz");
        CliRun e = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth", "3.6",
                "--out", codes);
        assertEquals(ExitCode.OK, e.exitCode(), e.err());
        System.setProperty(dev.encodecparity.output.DiskSpace.OVERRIDE, "100000");
        CliRun r;
        try {
            r = CliRun.of("decode", "--checkpoint", CKPT, "--config", CONFIG, "--codes", codes, "--out",
                    tmp.resolve("x.wav"), "--stream");
        } finally {
            System.clearProperty(dev.encodecparity.output.DiskSpace.OVERRIDE);
        }
        assertEquals(ExitCode.ENVIRONMENT, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + tmp.resolve("x.wav") + ": decoding 1.5 s of audio writes about ")
                && r.err().contains(" and its file system has 0 MB free"), r.err());
        assertFalse(Files.exists(tmp.resolve("x.wav")) || Files.exists(tmp.resolve("x.wav.json")));
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    /** Runs a command as if {@code bytes} were available ({@link AvailableMemory#OVERRIDE}). */
    static CliRun withAvailableMemory(long bytes, Supplier<CliRun> run) {
        System.setProperty(AvailableMemory.OVERRIDE, Long.toString(bytes));
        try {
            return run.get();
        } finally {
            System.clearProperty(AvailableMemory.OVERRIDE);
        }
    }

    /** An .npz like np.savez_compressed(codes_0=np.zeros((codebooks, frames), np.int64)), written as it streams. */
    static Path deflatedZeroCodes(Path file, int codebooks, int frames) throws IOException {
        String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (" + codebooks + ", " + frames + "), }";
        int padded = (dict.length() + 11 + 63) / 64 * 64 - 10; // magic, version and length: 10 bytes; then '\n'
        byte[] header = (dict + " ".repeat(padded - dict.length() - 1) + "\n").getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            z.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            z.putNextEntry(new java.util.zip.ZipEntry("codes_0.npy"));
            z.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length,
                (byte) (header.length >> 8)});
            z.write(header);
            byte[] zeros = new byte[1 << 20];
            for (long left = 8L * codebooks * frames; left > 0; left -= zeros.length) {
                z.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            z.closeEntry();
        }
        return file;
    }
}
