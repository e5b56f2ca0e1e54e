package dev.encodecparity.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing: a concurrent run's finished output is never replaced without {@code --force}; outputs published
 * together appear together or not at all; a failed run removes the folders it created; a forced run that cannot
 * remove the previous output leaves it in place and fails, instead of exiting 0 with the old output under a staging
 * name.
 */
class PublishTest {
    @TempDir
    Path tmp;

    @Test
    void aConcurrentRunsFinishedOutputIsNotReplacedWithoutForce() throws IOException {
        Path out = tmp.resolve("out");
        Destination d = Outputs.builder().build().destination("--out", out, MarkedKind.FOLDER);
        try (Staged mine = d.stage(MarkedKind.FOLDER.writer("mine"))) {
            MarkedKind.FOLDER.writer("theirs").write(out); // another run finished first
            BadInputException e = assertThrows(BadInputException.class, () -> Staged.commitInOrder(mine));
            assertEquals(out + ": appeared while this run was working (another run?); it was left as it is and this"
                    + " run's output was not kept", e.getMessage());
        }
        assertEquals("theirs", Files.readString(out.resolve("MARK")));
        assertEquals(List.of("out"), OverwriteRuleTest.names(tmp));
    }

    @Test
    void aForcedRunDoesNotReplaceWhatAnotherRunPutThereMeanwhile() throws IOException {
        Path out = tmp.resolve("out");
        MarkedKind.FOLDER.writer("old").write(out);
        Destination d = Outputs.builder().force(true).build().destination("--out", out, MarkedKind.FOLDER);
        try (Staged mine = d.stage(MarkedKind.FOLDER.writer("mine"))) {
            Files.writeString(out.resolve("someone's file"), "keep me"); // no longer a previous output
            BadInputException e = assertThrows(BadInputException.class, () -> Staged.commitInOrder(mine));
            assertTrue(e.getMessage().endsWith("changed while this run was working (another run?); it was left as it"
                    + " is and this run's output was not kept"), e.getMessage());
        }
        assertEquals("keep me", Files.readString(out.resolve("someone's file")));
        assertEquals(List.of("out"), OverwriteRuleTest.names(tmp));
    }

    @Test
    void outputsPublishedTogetherAreRolledBackTogether() throws IOException {
        Path side = tmp.resolve("codes.npz.json");
        Path data = tmp.resolve("codes.npz");
        Files.writeString(side, "MARK old sidecar");
        Files.writeString(data, "MARK old data");
        Outputs rules = Outputs.builder().force(true).build();
        Destination ds = rules.destination("--out", side, MarkedKind.FILE);
        Destination dd = rules.destination("--out", data, MarkedKind.FILE);
        try (Staged s = ds.stage(MarkedKind.FILE.writer("new sidecar"));
                Staged d = dd.stage(MarkedKind.FILE.writer("new data"))) {
            Files.writeString(data, "not ours any more"); // the second cannot be published
            assertThrows(BadInputException.class, () -> Staged.commitInOrder(s, d));
        }
        assertEquals("MARK old sidecar", Files.readString(side), "the sidecar was not put back");
        assertEquals("not ours any more", Files.readString(data));
        assertEquals(List.of("codes.npz", "codes.npz.json"), OverwriteRuleTest.names(tmp));
    }

    @Test
    void aFailedRunRemovesTheFoldersItCreated() {
        Path out = tmp.resolve("a/b/c/out.json");
        Destination d = Outputs.builder().build().destination("--report", out, MarkedKind.FILE);
        assertThrows(BadInputException.class, () -> d.publish(staging -> {
            throw new IOException("disk full");
        }));
        assertFalse(Files.exists(tmp.resolve("a")), "a failed run left the folders it created");
    }

    @Test
    void aWriterErrorNamesTheOutputAndLeavesNothing() throws IOException {
        Path out = tmp.resolve("out.json");
        Files.writeString(out, "MARK old");
        Destination d = Outputs.builder().force(true).build().destination("--report", out, MarkedKind.FILE);
        BadInputException e = assertThrows(BadInputException.class, () -> d.publish(staging -> {
            Files.writeString(staging, "half");
            throw new IOException("disk full");
        }));
        assertEquals(out + ": cannot be written: disk full", e.getMessage());
        assertEquals("MARK old", Files.readString(out));
        assertEquals(List.of("out.json"), OverwriteRuleTest.names(tmp));
    }

    @Test
    void aForcedRunThatCannotRemoveThePreviousOutputKeepsItAndFails() throws Exception {
        Path out = tmp.resolve("out");
        MarkedKind.FOLDER.writer("old").write(out);
        Path stuck = out.resolve("MARK");
        assumeTrue(TestData.chattr("+i", stuck), "chattr +i is not available here (needs root and ext4 or similar)");
        try {
            Destination d = Outputs.builder().force(true).build().destination("--out", out, MarkedKind.FOLDER);
            BadInputException e = assertThrows(BadInputException.class,
                    () -> d.publish(MarkedKind.FOLDER.writer("new")));
            assertTrue(e.getMessage().startsWith(out + ": cannot be replaced: the previous output's MARK cannot be"
                    + " removed"), e.getMessage());
            assertTrue(e.getMessage().endsWith("; it was left as it was"), e.getMessage());
            assertEquals("old", Files.readString(stuck));
            assertEquals(List.of("out"), OverwriteRuleTest.names(tmp), "a staging entry was left behind");
        } finally {
            TestData.chattr("-i", stuck);
        }
    }
}
