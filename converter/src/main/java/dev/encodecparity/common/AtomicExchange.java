package dev.encodecparity.common;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;

/**
 * Swaps two existing paths in one step with Linux's {@code renameat2(RENAME_EXCHANGE)}, called through JNA: the one
 * way to replace a non-empty folder so that a process killed at any moment leaves either the old folder or the new
 * one at the destination. Where the call is missing (not Linux, glibc older than 2.28) or refused (a file system
 * without exchange support), {@link #exchange} says so and the caller falls back to two renames.
 */
final class AtomicExchange {
    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 2;
    private static final LibC LIBC = load();

    private AtomicExchange() {
    }

    /** The C library's renameat2; only this one function is bound. */
    interface LibC extends Library {
        int renameat2(int oldDirFd, String oldPath, int newDirFd, String newPath, int flags);
    }

    private static LibC load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /** Swaps {@code a} and {@code b} (both absolute, both existing); false when the system cannot. */
    static boolean exchange(Path a, Path b) {
        if (LIBC == null) {
            return false;
        }
        try {
            return LIBC.renameat2(AT_FDCWD, a.toString(), AT_FDCWD, b.toString(), RENAME_EXCHANGE) == 0;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
