package dev.encodecparity.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A work entry (file or folder) this process is writing, named {@code <prefix><uuid>} (perhaps with an extension
 * after it), and beside it the lock file
 * {@code <prefix><uuid>.lock}, locked for the entry's whole life.
 *
 * <p>Why a lock and not a pid: a pid names a process only inside one PID namespace, and containers on one host share
 * the boot id, so a pid recorded in a name can look dead from another container while its run is alive. A lock held
 * on a file is seen by every process on the host (and released by the kernel the moment its holder dies, however it
 * dies), so {@link #removeLeftovers} removes exactly the entries whose writer is gone. The lock file is locked under
 * a temporary name and then renamed to its final one, so no cleaner finds a final lock file unlocked while its writer
 * lives; a cleaner that takes a temporary one in the instant before its writer does makes that writer start again
 * under a new name, before it has written anything.
 *
 * <p>Live entries are also removed when the JVM exits on SIGINT or SIGTERM (a shutdown hook), so an interrupted run
 * leaves nothing; a SIGKILL leaves the entry and a free lock, which the next run writing to the same folder removes.
 */
public final class Staging implements AutoCloseable {
    /** Beside an output while it is being written. */
    public static final String OUTPUT_PREFIX = ".encodec-parity-tmp-";
    private static final String LOCK = ".lock";
    private static final String LOCKING = ".locking";
    private static final Set<Staging> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<String> OWN = ConcurrentHashMap.newKeySet();
    /** Guards {@link #shuttingDown}: no entry is made once the exit hook has begun removing them. */
    private static final Object CREATION = new Object();
    private static boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Staging::removeAllOnExit, "encodec-parity-cleanup"));
    }

    private final Path entry;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private Staging(Path entry, Path lockFile, FileChannel channel, FileLock lock) {
        this.entry = entry;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** A new, locked, not yet existing entry {@code <prefix><uuid>} in {@code dir}; the writer creates it. */
    public static Staging in(Path dir, String prefix) throws IOException {
        return in(dir, prefix, "");
    }

    /**
     * As {@link #in(Path, String)}, named {@code <prefix><uuid><suffix>}: an output's extension, for writers that
     * choose the format by the file name.
     */
    public static Staging in(Path dir, String prefix, String suffix) throws IOException {
        synchronized (CREATION) {
            if (shuttingDown) {
                throw new IOException("the process is exiting");
            }
            return create(dir, prefix, suffix);
        }
    }

    private static Staging create(Path dir, String prefix, String suffix) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return tryCreate(dir, prefix, suffix);
            } catch (java.nio.file.NoSuchFileException e) {
                // a cleaner took the pending lock file in the instant between its creation and its lock, and removed
                // it as a dead writer's: nothing of this run was lost, so try again under a new name
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Staging tryCreate(Path dir, String prefix, String suffix) throws IOException {
        String id = UUID.randomUUID().toString();
        OWN.add(id);
        Path pending = dir.resolve(prefix + id + LOCKING);
        Path lockFile = dir.resolve(prefix + id + LOCK);
        FileChannel ch = FileChannel.open(pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.lock();
            Files.move(pending, lockFile); // same inode, same lock: found only once it is held
            Staging s = new Staging(dir.resolve(prefix + id + suffix), lockFile, ch, lock);
            LIVE.add(s);
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(pending);
            throw e;
        }
    }

    /** True for the name of a staging entry or its lock file (of any run, live or gone). */
    public static boolean isStagingName(String name) {
        return name.startsWith(OUTPUT_PREFIX);
    }

    /** The entry's path (file or folder); it may be renamed away, and something else may be renamed to it. */
    public Path path() {
        return entry;
    }

    /**
     * SIGINT, SIGTERM or the end of main: removes every live entry. The run's own thread may still be writing into one
     * meanwhile, so a tree that is not gone at once is removed again a few times, until the writes fail for want of
     * their folder; an entry that still survives has no lock file, and the next run removes it.
     */
    private static void removeAllOnExit() {
        synchronized (CREATION) {
            shuttingDown = true;
        }
        for (Staging s : LIVE) {
            for (int i = 0; i < 20 && !deleteTree(s.entry); i++) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            s.close();
        }
    }

    /** Deletes whatever is at the entry's path, then the lock file, then releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        deleteTree(entry);
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException ignored) {
            // a free lock file is removed by the next run's cleanup
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing releases the lock in any case
        }
        LIVE.remove(this);
    }

    /** True when whatever is at the entry's path could not be deleted (the caller then says so). */
    public boolean entryRemains() {
        return Files.exists(entry, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Removes entries {@code <prefix><uuid>} of {@code dir} whose writer is gone: their lock file is not locked, or
     * there is none (a writer removes its entry before its lock file, so an entry without one was abandoned). Entries
     * of this process, locked ones, and anything not named like an entry are left alone. Best effort.
     */
    public static void removeLeftovers(Path dir, String prefix) {
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}"
                + "-[0-9a-f]{12})(.*)");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Matcher m = name.matcher(p.getFileName().toString());
                if (!m.matches() || OWN.contains(m.group(1))) {
                    continue;
                }
                String entryName = prefix + m.group(1);
                Path lockFile = dir.resolve(entryName + LOCK);
                if (m.group(2).equals(LOCK)) {
                    removeIfUnlocked(p, dir, entryName);
                } else if (m.group(2).equals(LOCKING)) {
                    removeIfUnlocked(p, dir, entryName); // a writer killed between creating and renaming its lock
                } else if (!Files.exists(lockFile) && !Files.exists(dir.resolve(entryName + LOCKING))) {
                    deleteTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover is harmless and clearly named
        }
    }

    private static void removeIfUnlocked(Path lockFile, Path dir, String entryName) {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return; // its writer is alive
            }
            try (Stream<Path> entries = Files.list(dir)) {
                entries.filter(p -> p.getFileName().toString().startsWith(entryName) && !p.equals(lockFile))
                        .forEach(Staging::deleteTree);
                Files.deleteIfExists(lockFile);
            } finally {
                l.release();
            }
        } catch (IOException | RuntimeException e) { // includes OverlappingFileLockException
            // gone meanwhile, or held by this JVM: leave it
        }
    }

    /**
     * Deletes a file or a folder tree (never following links out of it); true when nothing remains. Public for work
     * folders a caller made itself (the benchmarks'); outputs are replaced only through {@link Destination}.
     */
    public static boolean deleteTree(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException ignored) {
                    // reported by the check below
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // as above
        }
        return !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
