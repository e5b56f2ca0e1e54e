package dev.encodecparity.output;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What is at an existing output path, as the refusals describe it ("what is in the way"). */
final class Contents {
    private static final int SHOWN = 5;

    private Contents() {
    }

    /** An empty folder or an empty file: nothing to lose. A folder that cannot be listed is an error, not "empty". */
    static boolean isEmpty(Path given, Path p) {
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> s = InputFiles.list(p)) { // "cannot be listed: permission denied", not "not empty"
                    return s.findAny().isEmpty();
                } catch (BadInputException e) {
                    throw new BadInputException(given, e.reason(), e);
                }
            }
            return Files.size(p) == 0;
        } catch (IOException e) {
            throw new BadInputException(given, "cannot be read: " + e.getMessage());
        }
    }

    /** "3 entries: a.txt, b/, c.json" (the first few, sorted; folders end in /). */
    static String describe(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    ? "/" : "")).sorted().toList();
            String shown = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
            return names.size() + (names.size() == 1 ? " entry: " : " entries: ") + shown
                    + (names.size() > SHOWN ? ", ..." : "");
        } catch (IOException e) {
            return "entries that cannot be listed";
        }
    }

    /** The entries of a folder that are not staging entries of a run (live or left over), sorted. */
    static List<Path> entriesBesidesStaging(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !Staging.isStagingName(p.getFileName().toString())).sorted().toList();
        }
    }

    /** "1234 bytes". */
    static String describeFile(Path file) {
        try {
            return Files.size(file) + " bytes";
        } catch (IOException e) {
            return "a file that cannot be read";
        }
    }
}
