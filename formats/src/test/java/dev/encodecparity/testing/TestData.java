package dev.encodecparity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paths into the repository's testdata/ folder, found through the {@code encodecparity.repo} system property. */
public final class TestData {
    private TestData() {
    }

    public static Path repo() {
        String root = System.getProperty("encodecparity.repo");
        if (root == null) {
            throw new IllegalStateException("system property encodecparity.repo is not set (run the tests "
                    + "through Maven)");
        }
        return Path.of(root);
    }

    public static Path path(String relative) {
        return repo().resolve("testdata").resolve(relative);
    }

    /** Where {@code needle} first stands in {@code hay}; a test's fixture that lacks it is a broken test. */
    public static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found in the fixture: " + new String(needle,
                java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /**
     * The tiny 24 kHz checkpoint with one bit flipped inside a tensor's data, written to {@code file}: its zip CRC no
     * longer matches, which convert notices while it writes (200 bytes after the local header's name is past its
     * alignment padding: inside the 32 kB LSTM weight {@code tiny_24khz/data/50}).
     */
    public static Path tinyWithDamagedTensor(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(path("checkpoints/tiny_24khz.th"));
        bytes[indexOf(bytes, "tiny_24khz/data/50".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 200] ^= 0x40;
        return Files.write(file, bytes);
    }

    /**
     * Sets or clears a file attribute with chattr ({@code +i}: immutable, even to root); false where the tool or the
     * file system cannot, so the caller can skip saying why.
     */
    public static boolean chattr(String flag, Path p) throws InterruptedException {
        try {
            return new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * If a reader or a command blocks on a named pipe, a writer lets it go: a failed test leaves no stuck thread. The
     * writer opens the pipe without creating it: started after the test's folder was being deleted, a creating open
     * made a regular file of the same name there, and the deletion failed on a folder no longer empty.
     */
    public static void releaseAStuckReader(Path fifo) {
        Thread t = new Thread(() -> {
            try (java.io.OutputStream w = Files.newOutputStream(fifo, java.nio.file.StandardOpenOption.WRITE)) {
                w.flush();
            } catch (IOException ignored) {
                // nothing was waiting, or the pipe is gone
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** A spec key list as rows of tab-separated columns, comment lines dropped. */
    public static List<String[]> tsv(String name) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(path("keys/" + name))) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    rows.add(line.split("\t"));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
