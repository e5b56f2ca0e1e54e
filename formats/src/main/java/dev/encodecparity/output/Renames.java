package dev.encodecparity.output;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The three renames outputs are published with, each one system call: {@link #withoutReplacing} (Linux's
 * {@code renameat2(RENAME_NOREPLACE)}: fails when something appeared at the destination meanwhile, so a concurrent
 * run's finished output is never replaced silently), {@link #exchange} ({@code RENAME_EXCHANGE}: swaps a new output
 * with the previous one, so the destination is never missing and the old one can be put back), and {@link #over}
 * (plain {@code rename(2)}: replaces a file, or an empty folder, and fails on a folder that is not empty).
 *
 * <p>renameat2 is reached through JNA. Where it is missing (not Linux, glibc before 2.28) or refused by the file
 * system, {@link #withoutReplacing} falls back to a hard link for files (also atomic and never replacing) and to a
 * check followed by a rename for folders (the one remaining race, written down in docs/reliability.md), and
 * {@link #exchange} reports that it cannot.
 */
final class Renames {
    private static final int AT_FDCWD = -100;
    private static final int RENAME_NOREPLACE = 1;
    private static final int RENAME_EXCHANGE = 2;
    private static final int EEXIST = 17;
    private static final int ENOTEMPTY = 39;
    private static final LibC LIBC = load();

    private Renames() {
    }

    /** The C library's renameat2; only this one function is bound. */
    interface LibC extends Library {
        int renameat2(int oldDirFd, String oldPath, int newDirFd, String newPath, int flags) throws LastErrorException;
    }

    private static LibC load() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /** Moves {@code from} to {@code to}, which must not exist; {@link FileAlreadyExistsException} when it does. */
    static void withoutReplacing(Path from, Path to) throws IOException {
        Boolean done = renameat2(from, to, RENAME_NOREPLACE);
        if (done != null) {
            return;
        }
        if (Files.isDirectory(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(to.toString());
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.createLink(to, from); // link(2) never replaces: FileAlreadyExistsException
            Files.delete(from);
        }
    }

    /** Swaps two existing paths; false when the system cannot (the caller then uses {@link #over}). */
    static boolean exchange(Path a, Path b) throws IOException {
        return renameat2(a, b, RENAME_EXCHANGE) != null;
    }

    /** rename(2): replaces a file or an empty folder at {@code to}; a folder that is not empty is an error. */
    static void over(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** True when done; null when renameat2 or this flag is not available here; an exception for a real refusal. */
    private static Boolean renameat2(Path from, Path to, int flags) throws IOException {
        if (LIBC == null) {
            return null;
        }
        try {
            LIBC.renameat2(AT_FDCWD, from.toString(), AT_FDCWD, to.toString(), flags);
            return Boolean.TRUE;
        } catch (UnsatisfiedLinkError e) {
            return null;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == EEXIST || (errno == ENOTEMPTY && flags == RENAME_NOREPLACE)) {
                throw new FileAlreadyExistsException(to.toString());
            }
            if (errno == 22 || errno == 38 || errno == 95) { // EINVAL, ENOSYS, EOPNOTSUPP: flag not supported here
                return null;
            }
            throw new IOException(to + ": rename failed: " + Errno.describe(errno));
        }
    }
}
