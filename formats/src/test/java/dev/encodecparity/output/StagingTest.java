package dev.encodecparity.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging entries are told live from dead by their lock, not by a pid: a writer in another PID namespace (another
 * container on the host) keeps its entry, and an entry whose lock is free is removed by the next run. SIGINT and
 * SIGTERM remove a run's live entries on the way out.
 */
class StagingTest {
    @TempDir
    Path tmp;

    @Test
    void anEntryWhoseLockIsHeldInAnotherPidNamespaceIsKeptAndRemovedOnceItIsFree() throws Exception {
        String id = UUID.randomUUID().toString();
        Path entry = Files.createDirectories(tmp.resolve(Staging.OUTPUT_PREFIX + id));
        Files.writeString(entry.resolve("half-written"), "x");
        Path lock = Files.createFile(tmp.resolve(Staging.OUTPUT_PREFIX + id + ".lock"));
        // python's fcntl.lockf takes the same POSIX record lock as Java's FileChannel.lock
        List<String> holder = new ArrayList<>(List.of("python3", "-c",
                "import fcntl,sys,time; f=open(sys.argv[1],'r+');"
                + " fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(120)", lock.toString()));
        boolean namespaced = new ProcessBuilder("unshare", "-p", "-f", "--kill-child", "true").start().waitFor() == 0;
        if (namespaced) {
            holder.addAll(0, List.of("unshare", "-p", "-f", "--kill-child"));
        }
        Process p = new ProcessBuilder(holder).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            assumeTrue("locked".equals(r.readLine()), "python3 could not lock the file");
            Staging.removeLeftovers(tmp, Staging.OUTPUT_PREFIX);
            assertTrue(Files.exists(entry.resolve("half-written")), "a live writer's entry was removed"
                    + (namespaced ? " (its writer runs in another PID namespace)" : ""));
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // the holder's own child dies an instant after unshare does: the kernel frees its lock then
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            Staging.removeLeftovers(tmp, Staging.OUTPUT_PREFIX);
        } while (!OverwriteRuleTest.names(tmp).isEmpty() && System.nanoTime() < deadline && sleep());
        assertEquals(List.of(), OverwriteRuleTest.names(tmp), "a dead writer's entry and lock were not removed");
    }

    @Test
    void entriesOfThisProcessAndUnrelatedNamesAreLeftAlone() throws IOException {
        Path mine;
        try (Staging s = Staging.in(tmp, Staging.OUTPUT_PREFIX)) {
            mine = Files.createDirectory(s.path());
            Files.writeString(tmp.resolve(".encodec-parity-tmp-notes.txt"), "not an entry");
            Staging.removeLeftovers(tmp, Staging.OUTPUT_PREFIX);
            assertTrue(Files.isDirectory(mine));
        }
        assertFalse(Files.exists(mine), "closing did not remove the entry");
        assertEquals(List.of(".encodec-parity-tmp-notes.txt"), OverwriteRuleTest.names(tmp));
    }

    @Test
    void anEntryWithoutALockFileAndAnUnlockedPendingLockAreAbandoned() throws IOException {
        // a writer removes its entry before its lock file, so an entry with neither lock nor pending lock is dead;
        // a pending lock file is locked from the instant after its creation (a writer that loses that instant to a
        // cleaner starts again under a new name), so an unlocked one was left by a killed writer
        String dead = UUID.randomUUID().toString();
        Files.createDirectories(tmp.resolve(Staging.OUTPUT_PREFIX + dead + ".wav"));
        Files.createFile(tmp.resolve(Staging.OUTPUT_PREFIX + UUID.randomUUID() + ".locking"));
        Path unrelated = Files.createFile(tmp.resolve("results.wav"));
        Staging.removeLeftovers(tmp, Staging.OUTPUT_PREFIX);
        assertEquals(List.of(unrelated.getFileName().toString()), OverwriteRuleTest.names(tmp));
    }

    @Test
    void sigtermRemovesTheLiveStagingEntryAndItsLock() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), SlowWriter.class.getName(), tmp.resolve("out").toString())
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            assertEquals("writing", r.readLine());
            assertTrue(OverwriteRuleTest.names(tmp).stream().anyMatch(n -> n.startsWith(Staging.OUTPUT_PREFIX)));
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the writer did not end on SIGTERM");
        }
        assertEquals(List.of(), OverwriteRuleTest.names(tmp), "SIGTERM left a staging entry or a lock");
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    /** A run that stages a folder and then waits forever (until a signal ends it). */
    public static final class SlowWriter {
        public static void main(String[] args) {
            Outputs.builder().build().destination("--out", Path.of(args[0]), MarkedKind.FOLDER).publish(staging -> {
                Files.createDirectory(staging);
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
