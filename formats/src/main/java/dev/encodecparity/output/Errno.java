package dev.encodecparity.output;

import dev.encodecparity.common.InputFiles;
import java.util.Map;

/** The few system error numbers a rename or a lock reports, in words a user reads. */
final class Errno {
    private static final Map<Integer, String> WORDS = Map.of(1, "operation not permitted",
            2, InputFiles.NO_SUCH_FILE_OR_FOLDER, 13, "permission denied", 16, "busy (a mount point?)", 18,
                    "crosses file systems", 28,
            "no space left on the device", 30, "read-only file system", 39, "folder not empty", 20,
            "a path component is not a folder", 21, "is a folder");

    private Errno() {
    }

    static String describe(int errno) {
        return WORDS.getOrDefault(errno, "system error " + errno);
    }
}
