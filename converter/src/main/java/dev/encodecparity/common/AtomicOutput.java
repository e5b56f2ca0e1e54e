package dev.encodecparity.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Output that appears whole or not at all: it is written under a hidden temporary name beside its destination and
 * renamed into place at the end (a non-empty folder replaced with {@code --force} is swapped in one step, see
 * {@link AtomicExchange}). A failure, or a killed process, leaves at most a {@code .encodec-parity-tmp-<boot>-<pid>-*}
 * entry behind, never a half-written destination; the next output written to the same folder removes such entries
 * whose process is gone.
 */
public final class AtomicOutput {
    private static final String STAGING = ".encodec-parity-tmp-";
    /**
     * This boot of this machine (Linux's boot id, cut to 12 hex digits), or "x" where there is none: a pid only
     * identifies a process within one boot of one machine, and an output folder may be shared between machines.
     */
    private static final String BOOT = bootId();
    /** A staging entry: the prefix, the boot, the pid of its process, a UUID. */
    private static final Pattern LEFTOVER =
            Pattern.compile(Pattern.quote(STAGING) + "([0-9a-fx]+)-(\\d{1,18})-[0-9a-f-]{36}");
    /** Folders already cleaned of leftovers by this process. */
    private static final Set<Path> CLEANED = ConcurrentHashMap.newKeySet();

    private AtomicOutput() {
    }

    /** Writes something into a path it is given (a folder or a file, not yet existing). */
    @FunctionalInterface
    public interface Writer {
        void write(Path staging) throws IOException;
    }

    /** What is being written. */
    public enum Kind { FILE, FOLDER }

    /** Checks that {@code dest} may be written: refuses an existing non-empty folder or file unless forced. */
    public static void checkDestination(Path dest, Kind kind, boolean force) {
        // Missing parent folders are created at publish time, after every check passed; here the nearest existing
        // ancestor must be a writable folder.
        Path ancestor = dest.toAbsolutePath().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw new BadInputException(dest, "parent folder cannot be created: " + ancestor + " is not a folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new BadInputException(dest, "parent folder " + ancestor + " is not writable");
        }
        if (kind == Kind.FILE && Files.isDirectory(dest)) {
            throw new BadInputException(dest, "is a folder; expected a file name");
        }
        if (kind == Kind.FOLDER && Files.exists(dest) && !Files.isDirectory(dest)) {
            throw new BadInputException(dest, "exists and is a file; expected a folder");
        }
        if (Files.exists(dest) && !force && !isEmptyFolder(dest)) {
            throw new BadInputException(dest, (Files.isDirectory(dest) ? "folder exists and is not empty"
                    : "file exists") + "; use --force to replace it");
        }
    }

    /**
     * Replaces the file {@code dest} (its folder must exist) with what {@code writer} writes to a staging file beside
     * it. For writers with their own error handling: an {@link IOException} passes through unchanged, and the old
     * file and no staging file remain.
     */
    public static void replaceFile(Path dest, Writer writer) throws IOException {
        if (Files.isDirectory(dest)) {
            throw new BadInputException(dest, "is a folder; expected a file name");
        }
        writeThroughStaging(dest.toAbsolutePath(), writer);
    }

    /** Writes {@code dest} (a folder or a file) through a staging path and renames it into place. */
    public static void publish(Path dest, Kind kind, boolean force, Writer writer) {
        checkDestination(dest, kind, force);
        Path abs = dest.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            writeThroughStaging(abs, writer);
        } catch (IOException e) {
            throw new BadInputException(dest, "cannot write: " + e.getMessage(), e);
        }
    }

    /** Writes into a staging entry beside {@code abs} and moves it into place; the staging entry never outlives it. */
    private static void writeThroughStaging(Path abs, Writer writer) throws IOException {
        Path staging = abs.resolveSibling(STAGING + BOOT + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID());
        try {
            removeLeftovers(abs.getParent());
            writer.write(staging);
            replace(staging, abs);
        } finally {
            deleteQuietly(staging);
        }
    }

    private static void replace(Path staging, Path dest) throws IOException {
        if (!Files.isDirectory(dest) || isEmptyFolder(dest)) {
            // rename(2): atomic, and it also replaces an empty folder or an existing file.
            Files.move(staging, dest, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        // --force over a non-empty folder: swap the two in one step; the old contents are left at the staging name,
        // which publish() deletes. Where the system cannot swap, move the old one aside first (the one non-atomic
        // step, kept short: a kill between the two renames leaves the old folder at .encodec-parity-old-*).
        if (AtomicExchange.exchange(staging, dest)) {
            return;
        }
        Path aside = dest.resolveSibling(".encodec-parity-old-" + UUID.randomUUID());
        Files.move(dest, aside, StandardCopyOption.ATOMIC_MOVE);
        Files.move(staging, dest, StandardCopyOption.ATOMIC_MOVE);
        deleteQuietly(aside);
    }

    /**
     * Removes staging entries that killed runs left in {@code dir}: each name carries the boot and pid of the process
     * that made it, and only entries made during this boot of this machine by a process that is gone are removed (a
     * live one, even a reused pid, is left alone, and so is anything from another machine).
     */
    private static void removeLeftovers(Path dir) {
        if (!CLEANED.add(dir)) {
            return; // once per folder and process: an encode writes its codes and their sidecar side by side
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> {
                Matcher m = LEFTOVER.matcher(p.getFileName().toString());
                return m.matches() && !BOOT.equals("x") && m.group(1).equals(BOOT)
                        && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty();
            }).forEach(AtomicOutput::deleteQuietly);
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover is harmless and clearly named
        }
    }

    private static String bootId() {
        try {
            String id = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace("-", "");
            return id.matches("[0-9a-f]{12,}") ? id.substring(0, 12) : "x";
        } catch (IOException | RuntimeException e) {
            return "x";
        }
    }

    private static boolean isEmptyFolder(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = InputFiles.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    /** Removes a file or a folder tree if it exists; used for staging leftovers only. */
    public static void deleteQuietly(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException ignored) {
                    // best effort: a leftover staging entry is harmless and clearly named
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
