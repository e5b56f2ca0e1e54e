package dev.encodecparity.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging entries left by killed runs are removed by the next write to the same folder, but only those of this boot
 * of this machine whose process is gone: a live run's entry, or another machine's, is never touched.
 */
class AtomicOutputLeftoversTest {
    @TempDir
    Path tmp;

    @Test
    void onlyEntriesOfDeadProcessesOfThisBootAreRemoved() throws Exception {
        String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace("-", "")
                .substring(0, 12);
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        long dead = done.pid();
        long alive = ProcessHandle.current().pid();
        Path deadEntry = Files.createDirectories(tmp.resolve(name(boot, dead)));
        Files.writeString(deadEntry.resolve("half-written"), "x");
        Path liveEntry = Files.createDirectories(tmp.resolve(name(boot, alive)));
        Path otherMachine = Files.createDirectories(tmp.resolve(name("0123456789ab", dead)));

        AtomicOutput.publish(tmp.resolve("out.json"), AtomicOutput.Kind.FILE, true,
                staging -> Files.writeString(staging, "{}"));

        try (Stream<Path> s = Files.list(tmp)) {
            List<String> expected = Stream.of(liveEntry, otherMachine, tmp.resolve("out.json"))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(expected, s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private static String name(String boot, long pid) {
        return ".encodec-parity-tmp-" + boot + "-" + pid + "-" + UUID.randomUUID();
    }
}
