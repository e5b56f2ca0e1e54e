package dev.encodecparity.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code golden check} while {@code golden record --force} swaps the same folder: the check either read one folder
 * throughout, or says the folder changed under it; it never blames the goldens for a file the swap took away.
 */
class FolderIdentityTest {
    @TempDir
    Path tmp;

    private Path golden(String name, String manifest) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve(GoldenManifest.FILE), manifest);
        Files.writeString(dir.resolve("codes.npz"), "codes of " + name);
        return dir;
    }

    @Test
    void aFolderReadThroughoutIsReadAsItIs() throws IOException {
        Path g = golden("g", "{}");
        assertEquals("codes of g", FolderIdentity.of(g).read(g, d -> read(d.resolve("codes.npz"))));
    }

    @Test
    void aFolderSwappedDuringTheCheckIsReportedAsSuchNotAsBadGoldens() throws IOException {
        Path g = golden("g", "{\"recorded\": 1}");
        Path next = golden("next", "{\"recorded\": 2}");
        FolderIdentity before = FolderIdentity.of(g);
        // a golden record --force lands between reading the manifest and reading the codes, then removes the old
        BadInputException e = assertThrows(BadInputException.class, () -> before.read(g, d -> {
            swap(next, d);
            throw new BadInputException(d.resolve("codes.npz"), "no such file");
        }));
        assertEquals(g + ": the golden folder was replaced while it was being checked (a golden record --force at the"
                + " same time?); nothing is concluded about the goldens: check again", e.getMessage());
        Path again = golden("again", "{\"recorded\": 3}");
        FolderIdentity second = FolderIdentity.of(g);
        e = assertThrows(BadInputException.class, () -> second.read(g, d -> {
            swap(again, d); // the check itself succeeded, on a mixture of two folders
            return "read";
        }));
        assertTrue(e.getMessage().contains("was replaced while it was being checked"), e.getMessage());
    }

    private static void swap(Path replacement, Path dir) {
        try {
            Files.move(dir, dir.resolveSibling("old-" + System.nanoTime()));
            Files.move(replacement, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
