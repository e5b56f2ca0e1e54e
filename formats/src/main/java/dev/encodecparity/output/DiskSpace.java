package dev.encodecparity.output;

import dev.encodecparity.common.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses, before any work, an output that would not fit on its file system: a codes file of a few kilobytes can
 * declare hours of audio, which decode writes out (gigabytes) a block at a time without holding it, so the disk, not
 * memory, is what such an input would use up. The staging file lives beside the output, on the same file system.
 * The system property {@value #OVERRIDE} replaces the free space (bytes), for tests.
 */
public final class DiskSpace {
    public static final String OVERRIDE = "encodecparity.usableDiskBytes";

    private DiskSpace() {
    }

    /**
     * @param out the output path (its folder must exist: the output rule has checked it)
     * @param bytes the size the output will have
     * @param what the work, for the message ("decoding 7.4 h of audio")
     * @throws EnvironmentException when the file system has less usable space than {@code bytes}
     */
    public static void require(Path out, long bytes, String what) {
        long usable = usable(out);
        if (bytes > usable) {
            throw new EnvironmentException(out + ": " + what + " writes about " + megabytes(bytes) + ", and its file"
                    + " system has " + megabytes(usable) + " free; free space there or write the output elsewhere");
        }
    }

    private static long usable(Path out) {
        String override = System.getProperty(OVERRIDE);
        if (override != null) {
            return Long.parseLong(override);
        }
        Path folder = out.toAbsolutePath().getParent();
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // no figure (an unusual file system): the write itself will fail cleanly
        }
    }

    private static String megabytes(long bytes) {
        return bytes >= 1_000_000_000L ? String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(java.util.Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
