package dev.encodecparity.output;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * No output may be, hold, or sit inside one of the run's inputs: compared by real paths (links followed) and, for
 * existing files, by identity (a hard link is the same file).
 */
final class Conflicts {
    private Conflicts() {
    }

    static void check(List<Outputs.Input> inputs, Path given, Path out) {
        for (Outputs.Input in : inputs) {
            Path real = realOrNull(in.path());
            if (real == null) {
                continue; // a missing input is the reader's error, reported when it is read
            }
            if (out.equals(real) || sameFile(out, real)) {
                throw new BadInputException(given, "is the input given as " + in.option() + " (" + in.path()
                        + "); an output never replaces an input");
            }
            if (out.startsWith(real)) {
                throw new BadInputException(given, "is inside the input folder given as " + in.option() + " ("
                        + in.path() + "); write outputs outside the run's inputs");
            }
            if (real.startsWith(out)) {
                throw new BadInputException(given, "holds the input given as " + in.option() + " ("
                        + in.path() + "); writing there would replace it");
            }
        }
    }

    private static Path realOrNull(Path p) {
        try {
            return Files.exists(p) ? p.toRealPath() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
