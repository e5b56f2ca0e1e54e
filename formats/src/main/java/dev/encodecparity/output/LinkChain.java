package dev.encodecparity.output;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where an output path really leads: its symbolic links followed, the way the system follows them. */
final class LinkChain {
    private static final int MAX_LINKS = 40; // Linux's own limit (ELOOP)
    private static final Path DEV = Path.of("/dev");
    private static final Path PROC = Path.of("/proc");
    private static final Path SHM = Path.of("/dev/shm"); // an ordinary file system under /dev

    private LinkChain() {
    }

    /**
     * True when the path is, or leads through a link to, a /dev or /proc path: /dev/stdout, /dev/fd/N and
     * /proc/self/fd/N name this process's own descriptors, so they are written into, never replaced.
     */
    static boolean leadsToSystemFiles(Path given, Path abs) {
        if (isSystem(abs)) {
            return true;
        }
        Path p = abs;
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(p); i++) {
            try {
                p = resolveLink(p);
            } catch (IOException e) {
                return false; // reported by target()
            }
            if (isSystem(p)) {
                return true;
            }
        }
        try {
            return Files.exists(abs) && isSystem(abs.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The path an output at {@code abs} replaces: for an existing path, its real path; for a link to nothing, the
     * path the link names; for a new path, the real path of its nearest existing folder with the rest appended.
     */
    static Path target(Path given, Path abs) {
        try {
            if (Files.exists(abs)) {
                return abs.toRealPath();
            }
            Path p = abs;
            for (int i = 0; Files.isSymbolicLink(p); i++) {
                if (i == MAX_LINKS) {
                    throw new BadInputException(given, "too many levels of symbolic links");
                }
                p = resolveLink(p);
            }
            Path existing = p.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return p;
            }
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            throw new BadInputException(given, "cannot be resolved: " + e.getMessage());
        }
    }

    private static Path resolveLink(Path link) throws IOException {
        Path t = Files.readSymbolicLink(link);
        Path parent = link.getParent();
        return (parent == null ? t : parent.resolve(t)).normalize();
    }

    private static boolean isSystem(Path p) {
        return (p.startsWith(DEV) && !p.startsWith(SHM)) || p.startsWith(PROC);
    }
}
