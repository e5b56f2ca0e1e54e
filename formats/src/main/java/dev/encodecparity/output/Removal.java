package dev.encodecparity.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes a previous output after a new one replaced it, in a way that can be undone: every file of the old tree is
 * first moved into a locked trash folder beside it (a rename, which fails for exactly the files a deletion would fail
 * for: a folder without write permission, an immutable file), and only when all have moved is anything deleted. When
 * one cannot move, the moved ones go back and the caller swaps the old output back in, so a forced run never leaves
 * half of the old output, nor the old output under a staging name, while the new one is in place.
 */
final class Removal {
    private Removal() {
    }

    /** Null when {@code old} is gone; else what stopped it, with {@code old} left whole. */
    static String remove(Path old) {
        if (!Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.deleteIfExists(old);
                return null;
            } catch (IOException e) {
                return old.getFileName() + " cannot be removed: " + Staged.reason(e);
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(old)) {
            files = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (IOException | RuntimeException e) {
            return "its files cannot be listed: " + Staged.reason(e);
        }
        try (Staging trash = Staging.in(old.getParent(), Staging.OUTPUT_PREFIX)) {
            Files.createDirectory(trash.path());
            List<Path[]> moved = new ArrayList<>();
            for (Path f : files) {
                Path to = trash.path().resolve(Integer.toString(moved.size()));
                try {
                    Files.move(f, to);
                    moved.add(new Path[] {f, to});
                } catch (IOException e) {
                    for (int i = moved.size() - 1; i >= 0; i--) {
                        moveQuietly(moved.get(i)[1], moved.get(i)[0]);
                    }
                    return old.relativize(f) + " cannot be removed: " + Staged.reason(e);
                }
            }
            // trash is deleted when closed; the old tree now holds only folders
        } catch (IOException e) {
            return "a trash folder cannot be made beside it: " + Staged.reason(e);
        }
        try (Stream<Path> walk = Files.walk(old)) {
            for (Path dir : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(dir);
            }
            return null;
        } catch (IOException e) {
            return "a folder of it cannot be removed: " + Staged.reason(e);
        }
    }

    private static void moveQuietly(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (IOException ignored) {
            // the error already being reported is what the user sees
        }
    }
}
