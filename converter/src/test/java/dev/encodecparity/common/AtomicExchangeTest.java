package dev.encodecparity.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --force} over a non-empty folder swaps old and new in one system call on Linux: no moment exists in which
 * the destination is missing. The kill test ({@code KillMidWriteTest}) shows the effect end to end.
 */
class AtomicExchangeTest {
    @TempDir
    Path tmp;

    @Test
    void swapsTwoFoldersInOneStep() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("which"), "a");
        Files.writeString(b.resolve("which"), "b");
        assertTrue(AtomicExchange.exchange(a, b), "renameat2(RENAME_EXCHANGE) is not available here");
        assertEquals("b", Files.readString(a.resolve("which")));
        assertEquals("a", Files.readString(b.resolve("which")));
    }

    @Test
    void forcedPublishOverAFullFolderLeavesOnlyTheNewOne() throws IOException {
        Path dest = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(dest.resolve("old.txt"), "old");
        AtomicOutput.publish(dest, AtomicOutput.Kind.FOLDER, true, staging -> {
            Files.createDirectories(staging);
            Files.writeString(staging.resolve("new.txt"), "new");
        });
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("out"), s.map(p -> p.getFileName().toString()).toList(),
                    "nothing but the destination may remain (no staging, no moved-aside folder)");
        }
        try (Stream<Path> s = Files.list(dest)) {
            assertEquals(List.of("new.txt"), s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
