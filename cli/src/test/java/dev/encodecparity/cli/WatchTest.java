package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What people watching a run see: a line per row in a log, a bar on a terminal, only the verdict with -q. */
class WatchTest {
    private static final String CKPT = TestData.path("checkpoints/tiny_24khz.th").toString();
    private static final String CONFIG = TestData.path("configs/tiny_24khz.json").toString();
    private static final String CLIP = TestData.path("audio/speech_24000hz_1ch.wav").toString();

    @TempDir
    Path tmp;

    @Test
    void aLogGetsOneLinePerRowAndVerboseAddsTimes() {
        CliRun plain = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--threads", "1");
        assertEquals(0, plain.exitCode(), plain.err());
        List<String> rows = plain.err().lines().filter(l -> l.startsWith("row ")).toList();
        assertEquals(List.of("row 1/3 speech_24000hz_1ch.wav @ 0.9 kbps: pass",
                "row 2/3 speech_24000hz_1ch.wav @ 1.8 kbps: pass", "row 3/3 speech_24000hz_1ch.wav @ 3.6 kbps: pass"),
                rows);
        CliRun verbose = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--threads",
                "1", "-v");
        assertTrue(verbose.err().lines().filter(l -> l.startsWith("row ")).allMatch(l -> l.matches(".*: pass \\(\\d+"
                + "\\.\\d\\d s\\)")), verbose.err());
    }

    @Test
    void quietPrintsOnlyTheVerdictLine() {
        CliRun q = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--threads", "1",
                "-q");
        assertEquals(0, q.exitCode(), q.err());
        assertTrue(q.out().strip().matches("PASS: 3 of 3 rows pass \\(atol 1\\.00e-05\\) in \\d+\\.\\d s"), q.out());
        assertFalse(q.err().contains("row "), q.err());
    }

    @Test
    void aTerminalGetsABar() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) to make a terminal");
        ProcessBuilder child = ChildCli.of(null, "verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP,
                "--threads", "1");
        Path log = tmp.resolve("tty.log");
        // script(1) runs the command on a pseudo-terminal and keeps what the terminal showed
        ProcessBuilder tty = new ProcessBuilder("/usr/bin/script", "-qec", String.join(" ", child.command()) + " >"
                + tmp.resolve("out.txt"), log.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        assertEquals(0, ChildCli.run(tty));
        String shown = Files.readString(log);
        assertTrue(shown.contains("rows 100% [") && shown.contains("3/3"), shown);
        assertFalse(shown.contains("row 1/3"), "a terminal gets the bar, not the log lines: " + shown);
    }
}
