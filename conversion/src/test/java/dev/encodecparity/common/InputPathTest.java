package dev.encodecparity.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.config.EncodecConfig;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.convert.TransformersFolder;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader of a path the user gives opens it through {@link InputFiles}, and says each problem the same way:
 * an empty path, a missing file or folder, a folder for a file and the reverse, a device, a named pipe or a socket
 * (refused before opening: a pipe with no writer would block forever), and a file cut while it is read. Each case is
 * asserted through every converter reader (checkpoint, config.json, safetensors, model folder, the hash of an input).
 * Unreadable files need a process without root's override, so they are tested through the command line in a child
 * process (verifier's InputPathCommandTest).
 */
class InputPathTest {
    @TempDir
    static Path shared;

    /** A converted tiny model: a real model.safetensors and config.json to read. */
    private static Path folder;

    @TempDir
    Path tmp;

    @BeforeAll
    static void convertTinyModel() {
        folder = shared.resolve("tiny-hf");
        Converter.toTransformers(TestData.path("checkpoints/tiny_24khz.th"), "auto",
                TestData.path("configs/tiny_24khz.json"), folder, false);
    }

    /** Every reader of a single file, by what it reads. */
    private static Map<String, Consumer<Path>> fileReaders() {
        Map<String, Consumer<Path>> r = new LinkedHashMap<>();
        r.put("checkpoint", p -> Checkpoint.open(p).close());
        r.put("config", EncodecConfig::read);
        r.put("safetensors", p -> SafetensorsFile.open(p).close());
        r.put("sha256", Hashing::sha256);
        return r;
    }

    @Test
    void anEmptyPathIsSaidToBeEmpty() {
        for (Map.Entry<String, Consumer<Path>> r : fileReaders().entrySet()) {
            BadInputException e = assertThrows(BadInputException.class, () -> r.getValue().accept(Path.of("")),
                    r.getKey());
            assertEquals("empty path", e.getMessage(), r.getKey());
            assertNull(e.file(), r.getKey());
        }
        assertEquals("empty path", assertThrows(BadInputException.class,
                () -> TransformersFolder.open(Path.of(""))).getMessage());
    }

    @Test
    void missingFilesAndFoldersSayNoSuch() throws IOException {
        Path missing = tmp.resolve("missing.th");
        Path link = Files.createSymbolicLink(tmp.resolve("link.th"), tmp.resolve("gone.th"));
        Path throughAFile = Files.writeString(tmp.resolve("plain.txt"), "x").resolve("model.th");
        for (Map.Entry<String, Consumer<Path>> r : fileReaders().entrySet()) {
            refused(missing, "no such file", r);
            refused(link, "no such file (a symbolic link to " + tmp.resolve("gone.th") + ", which does not exist)", r);
            refused(throughAFile, "no such file (a part of its path is a file, not a folder)", r);
        }
        assertEquals(missing + ": no such folder",
                assertThrows(BadInputException.class, () -> TransformersFolder.open(missing)).getMessage());
    }

    @Test
    void aFolderWhereAFileBelongsAndTheReverseSayWhatToGive() {
        assertEquals(folder + ": is a folder; a converted model folder is read with --model-dir",
                assertThrows(BadInputException.class, () -> Checkpoint.open(folder)).getMessage());
        assertEquals(folder + ": is a folder; expected a config.json file",
                assertThrows(BadInputException.class, () -> EncodecConfig.read(folder)).getMessage());
        assertEquals(folder + ": is a folder; expected a safetensors file",
                assertThrows(BadInputException.class, () -> SafetensorsFile.open(folder)).getMessage());
        assertEquals(folder + ": is a folder, not a file",
                assertThrows(BadInputException.class, () -> Hashing.sha256(folder)).getMessage());
        Path checkpoint = TestData.path("checkpoints/tiny_24khz.th");
        assertEquals(checkpoint + ": is a file, not a folder; an original checkpoint is read with --checkpoint",
                assertThrows(BadInputException.class, () -> TransformersFolder.open(checkpoint)).getMessage());
    }

    @Test
    void characterDevicesAreRefusedBeforeTheyAreRead() {
        for (Path device : new Path[] {Path.of("/dev/zero"), Path.of("/dev/null")}) {
            assumeTrue(Files.exists(device), device + " is not on this system");
            for (Map.Entry<String, Consumer<Path>> r : fileReaders().entrySet()) {
                refused(device, "is a character device, not a regular file", r);
            }
            assertEquals(device + ": is a character device, not a folder",
                    assertThrows(BadInputException.class, () -> TransformersFolder.open(device)).getMessage());
        }
    }

    @Test
    void aBlockDeviceIsRefused() throws IOException {
        Optional<Path> block;
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            block = dev.filter(p -> {
                try {
                    return ((Integer) Files.getAttribute(p, "unix:mode") & 0170000) == 0060000;
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).findFirst();
        }
        assumeTrue(block.isPresent(), "no block device under /dev on this machine");
        for (Map.Entry<String, Consumer<Path>> r : fileReaders().entrySet()) {
            refused(block.get(), "is a block device, not a regular file", r);
        }
    }

    @Test
    void aNamedPipeWithNoWriterIsRefusedAtOnce() throws Exception {
        Path fifo = tmp.resolve("model.th");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
        try {
            // Opening a pipe nobody writes to blocks forever: a refusal must come back at once, before any open.
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (Map.Entry<String, Consumer<Path>> r : fileReaders().entrySet()) {
                    refused(fifo, "is a named pipe (FIFO), not a regular file", r);
                }
            });
        } finally {
            TestData.releaseAStuckReader(fifo);
        }
    }

    @Test
    void aSocketIsRefused() throws IOException {
        Path socket = tmp.resolve("model.th");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            for (Map.Entry<String, Consumer<Path>> r : fileReaders().entrySet()) {
                refused(socket, "is a socket, not a regular file", r);
            }
        }
    }

    @Test
    void aFileCutAfterItWasOpenedIsSaidToHaveChanged() throws IOException {
        Path file = Files.write(tmp.resolve("data.bin"), new byte[1000]);
        try (FileChannel ch = InputFiles.open(file)) {
            try (FileChannel cut = FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                cut.truncate(400);
            }
            ByteBuffer b = ByteBuffer.allocate(100);
            String expected = file + ": changed while it was being read (was 1000 bytes, now 400)";
            assertEquals(expected, assertThrows(BadInputException.class, () -> ch.read(b, 600)).getMessage());
            ch.position(500);
            assertEquals(expected, assertThrows(BadInputException.class, () -> ch.read(b)).getMessage());
            assertEquals(expected, assertThrows(BadInputException.class,
                    () -> ch.transferTo(500, 100,
                            java.nio.channels.Channels.newChannel(OutputStream.nullOutputStream())))
                    .getMessage());
            assertEquals(expected, assertThrows(BadInputException.class, () -> InputFiles.checkUnchanged(ch))
                    .getMessage());
            assertEquals(100, ch.read(b.clear(), 0), "what is still there reads as before");
        }
    }

    @Test
    void aConfigLargerThanAnyConfigIsRefusedUnread() throws IOException {
        Path big = tmp.resolve("config.json");
        try (FileChannel ch = FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {' '}), 16L << 20); // sparse: 16 MiB + 1 byte of spaces and zeros
        }
        assertEquals(big + ": is larger than a file of its kind can be (more than 16777216 bytes)",
                assertThrows(BadInputException.class, () -> EncodecConfig.read(big)).getMessage());
    }

    private static void refused(Path path, String reason, Map.Entry<String, Consumer<Path>> reader) {
        BadInputException e = assertThrows(BadInputException.class, () -> reader.getValue().accept(path),
                reader.getKey() + " of " + path);
        assertEquals(path + ": " + reason, e.getMessage(), reader.getKey());
        assertEquals(path, e.file(), reader.getKey());
    }
}
