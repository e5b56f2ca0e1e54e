package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a process of its own can show: an unset {@code --out} with {@code --force} in a working folder, a report
 * to /dev/stdout as root, an interrupted verify's temporary conversion, and a mounted output folder.
 */
class OutputSignalsTest {
    private static final String CKPT = TestData.path("checkpoints/tiny_24khz.th").toString();
    private static final String CONFIG = TestData.path("configs/tiny_24khz.json").toString();

    @TempDir
    Path tmp;

    @Test
    void anEmptyOutWithForceIsRefusedAndTheWorkingFolderSurvives() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path canary = Files.writeString(work.resolve("thesis.tex"), "years of work");
        Path model = tmp.resolve("hf");
        assertEquals(0, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", model).exitCode());
        for (String[] args : List.of(new String[] {"convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", "",
            "--force"}, new String[] {"golden", "record", "--model-dir", model.toString(), "--out", "", "--force"})) {
            Path log = tmp.resolve("log.txt");
            int code = ChildCli.run(ChildCli.of(null, args).directory(work.toFile())
                    .redirectOutput(log.toFile()));
            assertEquals(2, code, Files.readString(log));
            assertEquals("error: --out: empty path",
                    Files.readString(log).strip());
            assertEquals("years of work", Files.readString(canary));
        }
    }

    @Test
    void aReportToDevStdoutIsWrittenThroughAndTheLinkStays() throws Exception {
        Path stdout = tmp.resolve("stdout.txt");
        boolean wasLink = Files.isSymbolicLink(Path.of("/dev/stdout"));
        int code = ChildCli.run(ChildCli.of(null, ChildCli.tiny("verify", "--bandwidth", "3.6", "--report",
                "/dev/stdout")).redirectErrorStream(false).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD));
        assertEquals(0, code);
        String out = Files.readString(stdout);
        assertTrue(out.contains("PASS: 1 of 1 rows pass") && out.contains("\"verdict\" : \"pass\""), out);
        assertEquals(wasLink, Files.isSymbolicLink(Path.of("/dev/stdout")), "/dev/stdout was replaced");
    }

    @Test
    void anInterruptedVerifyLeavesNoTemporaryConversionAndAKilledOnesIsRemovedNextTime() throws Exception {
        Path temp = Files.createDirectories(tmp.resolve("tmp"));
        String[] verify = ChildCli.tiny("verify");
        for (String signal : List.of("INT", "TERM")) {
            Path log = tmp.resolve(signal + ".log");
            Process p = ChildCli.of(temp, verify).redirectOutput(log.toFile()).start();
            assertTrue(waitForConversion(temp, p), "verify ended before its temporary conversion was seen");
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            assertEquals(List.of(), OutputSafetyTest.names(temp), "SIG" + signal + " left its temporary conversion ("
                    + p.exitValue() + "): " + Files.readString(log));
        }
        Process killed = ChildCli.of(temp, verify).start();
        assertTrue(waitForConversion(temp, killed));
        killed.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        assertTrue(OutputSafetyTest.names(temp).stream().anyMatch(n -> n.startsWith("encodec-parity-verify-")),
                "SIGKILL cannot be caught: its folder remains until the next run");
        assertEquals(0, ChildCli.run(ChildCli.of(temp, ChildCli.tiny("verify", "--bandwidth", "3.6"))));
        assertEquals(List.of(), OutputSafetyTest.names(temp), "the next verify did not remove the dead one's folder");
    }

    @Test
    void anEmptyMountPointIsConvertedIntoAndStaysMounted() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        assumeTrue(ChildCli.run(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "encodec-parity-test",
                mnt.toString())) == 0, "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)");
        try {
            CliRun r = CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", mnt);
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(List.of("config.json", "model.safetensors", "preprocessor_config.json"),
                    OutputSafetyTest.names(mnt));
            r = CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", mnt, "--force");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(3, OutputSafetyTest.names(mnt).size());
            assertTrue(Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .anyMatch(l -> l.split(" ")[1].equals(mnt.toString())), "the mount point was replaced");
            assertTrue(Json.MAPPER.readTree(mnt.resolve("config.json").toFile()).has("model_type"));
        } finally {
            ChildCli.run(new ProcessBuilder("umount", mnt.toString()));
        }
    }

    /** Waits until the child's temporary conversion folder (not just its lock) exists; false when it ended first. */
    private static boolean waitForConversion(Path temp, Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(temp) && OutputSafetyTest.names(temp).stream()
                    .anyMatch(n -> n.matches("encodec-parity-verify-[0-9a-f-]{36}"))) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
