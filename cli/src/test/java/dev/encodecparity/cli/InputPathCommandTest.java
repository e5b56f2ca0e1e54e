package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encodecparity.testing.TestData;
import dev.encodecparity.testing.Unprivileged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path option of every command, given what it cannot read: the same line for the same problem, exit 2, and
 * at once. An empty value names the option ({@code error: --checkpoint: empty path}); a device or a named pipe is
 * refused before it is opened (a pipe with no writer used to hang the command, {@code /dev/zero} was "empty"); a
 * file the process may not read says {@code cannot be read: permission denied} (it said "cannot open", or for a
 * config "not valid JSON"), a folder it may not list {@code cannot be listed: permission denied} (an unlistable empty
 * {@code --out} said "not empty"). The permission cases run the command line in a child process that file
 * permissions apply to ({@link Unprivileged}), since tests run as root in CI.
 */
class InputPathCommandTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final Path CLIP = TestData.path("audio/speech_24000hz_1ch.wav");
    private static final Path ZERO = Path.of("/dev/zero");

    @TempDir
    static Path shared;
    private static Path model;
    private static Path codes;
    private static Path goldens;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeInputs() {
        model = shared.resolve("tiny-hf");
        codes = shared.resolve("codes.npz");
        goldens = shared.resolve("goldens");
        assertEquals(0, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", model).exitCode());
        assertEquals(0, CliRun.of("encode", "--model-dir", model, "--audio", CLIP, "--bandwidth", "1.8", "--out",
                codes).exitCode());
        assertEquals(0, CliRun.of("golden", "record", "--model-dir", model, "--audio", CLIP, "--bandwidth", "1.8",
                "--out", goldens).exitCode());
    }

    @Test
    void anEmptyPathNamesItsOption() {
        Path out = tmp.resolve("out");
        refused("error: --checkpoint: empty path", "convert", "--checkpoint", "", "--out", out);
        refused("error: --config: empty path", "convert", "--checkpoint", CKPT, "--config", "", "--out", out);
        refused("error: --model-dir: empty path", "convert", "--to", "original", "--model-dir", "", "--out", out);
        refused("error: --out: empty path", "convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", "");
        refused("error: --model-dir: empty path", "encode", "--model-dir", "", "--audio", CLIP, "--bandwidth", "1.8",
                "--out", tmp.resolve("x.npz"));
        refused("error: --audio: empty path", "encode", "--model-dir", model, "--audio", "", "--bandwidth", "1.8",
                "--out", tmp.resolve("x.npz"));
        refused("error: --codes: empty path", "decode", "--model-dir", model, "--codes", "", "--out",
                tmp.resolve("x.wav"));
        refused("error: --converted: empty path", "verify", "--checkpoint", CKPT, "--config", CONFIG, "--converted",
                "");
        refused("error: --audio: empty path", "verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP,
                "");
        refused("error: --goldens: empty path", "golden", "check", "--model-dir", model, "--goldens", "");
        refused("error: --checkpoint: empty path", "golden", "record", "--checkpoint", "", "--out", out);
        refused("error: --audio: empty path", "bench", "--model-dir", model, "--audio", "");
        assertFalse(Files.exists(out));
    }

    @Test
    void aDeviceIsNotARegularFileWhateverOptionNamesIt() {
        assumeTrue(Files.exists(ZERO), "/dev/zero is not on this system");
        String notAFile = "error: /dev/zero: is a character device, not a regular file";
        String notAFolder = "error: /dev/zero: is a character device, not a folder";
        refused(notAFile, "convert", "--checkpoint", ZERO, "--out", tmp.resolve("o"));
        refused(notAFile, "convert", "--checkpoint", CKPT, "--config", ZERO, "--out", tmp.resolve("o"));
        refused(notAFolder, "convert", "--to", "original", "--model-dir", ZERO, "--out", tmp.resolve("o.th"));
        refused(notAFile, "encode", "--model-dir", model, "--audio", ZERO, "--bandwidth", "1.8", "--out",
                tmp.resolve("x.npz"));
        refused(notAFile, "decode", "--model-dir", model, "--codes", ZERO, "--out", tmp.resolve("x.wav"));
        refused(notAFolder, "verify", "--checkpoint", CKPT, "--config", CONFIG, "--converted", ZERO);
        refused(notAFolder, "golden", "check", "--model-dir", model, "--goldens", ZERO);
        assertNoOutputs();
    }

    @Test
    void aNamedPipeWithNoWriterIsRefusedWithinSeconds() throws Exception {
        Path fifo = tmp.resolve("pipe.wav");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
        String notAFile = "error: " + fifo + ": is a named pipe (FIFO), not a regular file";
        try {
            // Each command used to open the pipe and wait for a writer forever; the model commands load the model
            // first (about a second), then refuse.
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                refused(notAFile, "convert", "--checkpoint", fifo, "--out", tmp.resolve("o"));
                refused(notAFile, "convert", "--checkpoint", CKPT, "--config", fifo, "--out", tmp.resolve("o"));
            });
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                refused(notAFile, "encode", "--model-dir", model, "--audio", fifo, "--bandwidth", "1.8", "--out",
                        tmp.resolve("x.npz"));
                refused(notAFile, "decode", "--model-dir", model, "--codes", fifo, "--out", tmp.resolve("x.wav"));
            });
        } finally {
            TestData.releaseAStuckReader(fifo);
        }
        assertNoOutputs();
    }

    @Test
    void foldersAndFilesInEachOthersPlaceAndMissingOnesSaySo() {
        refused("error: " + model + ": is a folder; a converted model folder is read with --model-dir",
                "convert", "--checkpoint", model, "--out", tmp.resolve("o"));
        refused("error: " + CKPT + ": is a file, not a folder; an original checkpoint is read with --checkpoint",
                "encode", "--model-dir", CKPT, "--audio", CLIP, "--bandwidth", "1.8", "--out", tmp.resolve("x.npz"));
        refused("error: " + model + ": is a folder; expected a .wav, .flac or .npy file",
                "encode", "--model-dir", model, "--audio", model, "--bandwidth", "1.8", "--out", tmp.resolve("x.npz"));
        refused("error: " + model + ": is a folder, not a file",
                "decode", "--model-dir", model, "--codes", model, "--out", tmp.resolve("x.wav"));
        refused("error: " + CLIP + ": is a file, not a folder; --goldens names the folder that golden record wrote",
                "golden", "check", "--model-dir", model, "--goldens", CLIP);
        Path missing = tmp.resolve("missing");
        refused("error: " + missing + ": no such file", "decode", "--model-dir", model, "--codes", missing, "--out",
                tmp.resolve("x.wav"));
        refused("error: " + missing + ": no such folder", "golden", "check", "--model-dir", model, "--goldens",
                missing);
        assertNoOutputs();
    }

    @Test
    void whatThisProcessMayNotReadSaysPermissionDenied() throws Exception {
        List<String> unprivileged = Unprivileged.prefix();
        Path checkpoint = locked(Files.copy(CKPT, tmp.resolve("locked.th")));
        Path config = locked(Files.copy(CONFIG, tmp.resolve("locked.json")));
        Path clip = locked(Files.copy(CLIP, tmp.resolve("locked.wav")));
        Path lockedCodes = locked(Files.copy(codes, tmp.resolve("locked.npz")));
        Path folder = copyFolder(model, tmp.resolve("locked-hf"));
        Path folderConfig = copyFolder(model, tmp.resolve("hf-locked-config"));
        locked(folderConfig.resolve("config.json"));
        Path lockedGoldens = copyFolder(goldens, tmp.resolve("locked-goldens"));
        Path emptyOut = Files.createDirectory(tmp.resolve("locked-empty-out"));
        List<Path> folders = List.of(locked(folder), locked(lockedGoldens), locked(emptyOut));
        try {
            String denied = ": cannot be read: permission denied";
            String unlisted = ": cannot be listed: permission denied";
            child(unprivileged, "error: " + checkpoint + denied,
                    "convert", "--checkpoint", checkpoint, "--config", CONFIG, "--out", tmp.resolve("o1"));
            child(unprivileged, "error: " + config + denied,
                    "convert", "--checkpoint", CKPT, "--config", config, "--out", tmp.resolve("o2"));
            child(unprivileged, "error: " + folder + unlisted,
                    "convert", "--to", "original", "--model-dir", folder, "--out", tmp.resolve("o3.th"));
            child(unprivileged, "error: " + folderConfig.resolve("config.json") + denied,
                    "convert", "--to", "original", "--model-dir", folderConfig, "--out", tmp.resolve("o4.th"));
            child(unprivileged, "error: " + emptyOut + unlisted,
                    "convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", emptyOut);
            child(unprivileged, "error: " + clip + denied,
                    "encode", "--model-dir", model, "--audio", clip, "--bandwidth", "1.8", "--out",
                            tmp.resolve("x.npz"));
            child(unprivileged, "error: " + lockedCodes + denied,
                    "decode", "--model-dir", model, "--codes", lockedCodes, "--out", tmp.resolve("x.wav"));
            child(unprivileged, "error: " + lockedGoldens + unlisted,
                    "golden", "check", "--model-dir", model, "--goldens", lockedGoldens);
        } finally {
            for (Path f : folders) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
            }
        }
        for (String made : List.of("o1", "o2", "o3.th", "o4.th", "x.npz", "x.wav")) {
            assertFalse(Files.exists(tmp.resolve(made)), "a refused run wrote " + made);
        }
    }

    /** Exit 2 and exactly this one line on stderr. */
    private static void refused(String errorLine, Object... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertEquals(errorLine + "\n", r.err(), String.join(" ", List.of(args).stream().map(String::valueOf).toList()));
    }

    /** As {@link #refused}, in a child JVM under {@code prefix}. */
    private static void child(List<String> prefix, String errorLine, Object... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-Dai.djl.offline=true",
                "-Dencodecparity.home=" + TestData.repo(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the child did not end");
        String stderr = new String(err, StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), stderr);
        assertEquals(errorLine + "\n", stderr, String.join(" ", cmd));
    }

    private static Path locked(Path p) throws IOException {
        return Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
    }

    private static Path copyFolder(Path from, Path to) throws IOException {
        Files.createDirectory(to);
        try (var s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private void assertNoOutputs() {
        for (String made : List.of("o", "o.th", "x.npz", "x.wav")) {
            assertFalse(Files.exists(tmp.resolve(made)), "a refused run wrote " + made);
        }
    }
}
