package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.Hashing;
import dev.encodecparity.testing.FullSize;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs are atomic against a killed process: the command runs in a child JVM, is killed with SIGKILL the moment its
 * staging entry appears beside the destination (that is, mid-write), and the destination must then hold exactly what
 * it held before: nothing, or the previous complete output when {@code --force} replaces one. An uninterrupted run
 * afterwards must still succeed, and it removes the staging entry the killed one left. Covers conversion (a
 * full-size checkpoint, so the write lasts long enough to be caught), golden recording and the verify report.
 */
class KillMidWriteTest {
    private static final String STAGING = ".encodec-parity-tmp-";

    @TempDir
    Path tmp;

    /** Exit code of the last child started by {@link #killWhenStagingAppears} (137 when killed). */
    private static int lastExit;

    @Test
    void killedConversionLeavesNoFolder() throws Exception {
        Path out = tmp.resolve("converted");
        String[] args = {"convert", "--checkpoint", FullSize.checkpoint("encodec_24khz").toString(), "--out",
                out.toString()};
        assertTrue(killWhenStagingAppears(tmp, args), "the kill did not land while the output was being written");
        assertFalse(Files.exists(out), "a killed conversion left " + out);
        assertEquals(0, run(args), "conversion after the kill");
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
        assertFalse(hasStaging(tmp), "the next run did not remove the killed run's staging folder");
    }

    @Test
    void killedForcedConversionKeepsTheOldFolder() throws Exception {
        Path out = tmp.resolve("converted");
        assertEquals(0, run("convert", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th").toString(),
                "--config", TestData.path("configs/tiny_24khz.json").toString(), "--out", out.toString()));
        String before = digest(out);
        String[] args = {"convert", "--checkpoint", FullSize.checkpoint("encodec_24khz").toString(), "--out",
                out.toString(), "--force"};
        assertTrue(killWhenStagingAppears(tmp, args), "the kill did not land while the output was being written");
        String afterKill = digest(out);
        assertEquals(0, run(args), "forced conversion after the kill");
        String complete = digest(out);
        assertTrue(!complete.equals(before), "the forced conversion did not replace the folder");
        // The kill lands as the staging folder appears, long before the swap; the swap itself is one system call,
        // so the only other state a kill could leave is the complete new folder.
        assertTrue(afterKill.equals(before) || afterKill.equals(complete),
                "a killed --force conversion left a folder that is neither the old nor the new one");
    }

    @Test
    void killedGoldenRecordLeavesNoFolder() throws Exception {
        Path out = tmp.resolve("goldens");
        String[] args = ChildCli.tiny("golden", "record", "--out", out.toString());
        assertTrue(killWhenStagingAppears(tmp, args), "the kill did not land while the goldens were being written");
        assertFalse(Files.exists(out), "a killed golden record left " + out);
        assertEquals(0, run(args), "golden record after the kill");
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
        assertFalse(hasStaging(tmp), "the next run did not remove the killed run's staging folder");
    }

    @Test
    void killedVerifyKeepsTheOldReport() throws Exception {
        Path report = tmp.resolve("report.json");
        assertEquals(0, run(ChildCli.tiny("verify", "--report", report.toString())), "the first report");
        String before = Files.readString(report);
        String[] args = ChildCli.tiny("verify", "--report", report.toString(), "--force");
        // The report is one small file, written in well under a millisecond: the kill lands wherever it lands, and
        // the old report must survive it or be replaced whole.
        if (!killWhenStagingAppears(tmp, args)) {
            assertEquals(0, lastExit, "verify was not killed, so it must have completed");
        }
        String now = Files.readString(report);
        assertTrue(now.equals(before) || now.strip().endsWith("}") && now.contains("\"verdict\""),
                "the report is neither the old one nor a complete new one: " + now);
    }

    /**
     * Starts the command in a child JVM and kills it (SIGKILL) once a staging entry appears in {@code dir}; true when
     * it was killed that way, false when it ended first.
     */
    private static boolean killWhenStagingAppears(Path dir, String... args) throws Exception {
        Process p = ChildCli.of(null, args).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        boolean caught = false;
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (hasStaging(dir)) {
                p.destroyForcibly();
                caught = true;
                break;
            }
            Thread.onSpinWait();
        }
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the child did not end");
        lastExit = p.exitValue();
        return caught;
    }

    private static boolean hasStaging(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith(STAGING));
        }
    }

    private static int run(String... args) throws Exception {
        return ChildCli.run(ChildCli.of(null, args));
    }

    /** Names and contents of every file under {@code dir}, as one string. */
    private static String digest(Path dir) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(f -> files.put(dir.relativize(f).toString(), Hashing.sha256(f)));
        }
        return files.toString();
    }
}
