package dev.encodecparity.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encodecparity.common.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that are not plain paths: a symbolic link is followed and its target replaced (the link stays a link); a
 * device or a FIFO is written through, never renamed over (once, {@code --report /dev/stdout} run as root replaced
 * the machine's /dev/stdout link with a regular file); {@code -} is standard output; an empty mount point is written
 * into, not renamed over (which fails, after the whole run, with a staging path in the message).
 */
class PathKindsTest {
    @TempDir
    Path tmp;

    @Test
    void aSymbolicLinkToAFileStaysALinkAndItsTargetIsReplaced() throws IOException {
        Path real = Files.writeString(Files.createDirectories(tmp.resolve("elsewhere")).resolve("r.json"), "MARK old");
        Path link = Files.createSymbolicLink(tmp.resolve("report.json"), real);
        Outputs.builder().force(true).build().destination("--report", link, MarkedKind.FILE)
                .publish(MarkedKind.FILE.writer("new"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("MARK new", Files.readString(real));
        assertEquals(List.of("r.json"), OverwriteRuleTest.names(real.getParent()));
    }

    @Test
    void aSymbolicLinkToAnEmptyFolderStaysALinkAndTheFolderIsFilled() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real-out"));
        Path link = Files.createSymbolicLink(tmp.resolve("out"), real);
        Outputs.builder().build().destination("--out", link, MarkedKind.FOLDER)
                .publish(MarkedKind.FOLDER.writer("x"));
        assertTrue(Files.isSymbolicLink(link), "a link to a folder was replaced by a folder");
        assertEquals("x", Files.readString(real.resolve("MARK")));
    }

    @Test
    void aDeviceIsWrittenThroughNotReplaced() throws IOException {
        Path dev = Path.of("/dev/null");
        Outputs.builder().build().destination("--report", dev, MarkedKind.FILE).publish(MarkedKind.FILE.writer("x"));
        assertTrue(!Files.isRegularFile(dev) && Files.exists(dev), "/dev/null is no longer a device");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Outputs.builder().build().destination("--out", dev, MarkedKind.FOLDER));
        assertEquals("/dev/null: is a device or system path (/dev, /proc); expected a folder", e.getMessage());
    }

    @Test
    void aMissingSystemPathSaysNoSuchFileAsEveryReaderDoes() {
        Path missing = Path.of("/dev/encodec-parity-no-such-device");
        assumeTrue(!Files.exists(missing, LinkOption.NOFOLLOW_LINKS), missing + " exists here");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Outputs.builder().build().destination("--report", missing, MarkedKind.FILE));
        assertEquals(missing + ": no such file (under /dev or /proc); name a regular file", e.getMessage());
    }

    @Test
    void aFifoIsWrittenThroughToItsReader() throws Exception {
        Path fifo = tmp.resolve("pipe.json");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Outputs.builder().build().destination("--report", fifo, MarkedKind.FILE).publish(MarkedKind.FILE.writer("x"));
        assertEquals("MARK x", reader.get(10, TimeUnit.SECONDS));
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).isOther(), "the FIFO was replaced");
        assertEquals(List.of("pipe.json"), OverwriteRuleTest.names(tmp), "no staging entry beside a FIFO");
    }

    @Test
    void aDashIsStandardOutputForReportsAndRefusedForFolders() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Outputs rules = Outputs.builder().standardOutput(out).build();
        rules.destination("--report", Path.of("-"), MarkedKind.FILE).publish(MarkedKind.FILE.writer("json"));
        assertEquals("MARK json", out.toString(StandardCharsets.UTF_8));
        BadInputException e = assertThrows(BadInputException.class,
                () -> rules.destination("--out", Path.of("-"), MarkedKind.FOLDER));
        assertEquals("--out -: standard output cannot take a marked test folder; name a folder", e.getMessage());
    }

    @Test
    void anEmptyMountPointIsWrittenIntoAndStaysMounted() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        assumeTrue(Mounts.tmpfs(mnt), "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)");
        try {
            Outputs.builder().build().destination("--out", mnt, MarkedKind.FOLDER)
                    .publish(MarkedKind.FOLDER.writer("first"));
            assertEquals("first", Files.readString(mnt.resolve("MARK")));
            assertEquals(List.of("MARK"), OverwriteRuleTest.names(mnt), "no staging entry may remain inside");
            Outputs.builder().force(true).build().destination("--out", mnt, MarkedKind.FOLDER)
                    .publish(MarkedKind.FOLDER.writer("second"));
            assertEquals("second", Files.readString(mnt.resolve("MARK")));
            assertEquals(List.of("MARK"), OverwriteRuleTest.names(mnt));
            assertTrue(Mounts.isMounted(mnt), "the mount point was replaced");
        } finally {
            Mounts.unmount(mnt);
        }
    }
}
