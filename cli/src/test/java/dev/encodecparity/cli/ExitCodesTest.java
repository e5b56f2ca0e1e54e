package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.EnvironmentException;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit codes CI systems read: 0 pass, 1 a check failed, 2 bad input, 3 the environment, 4 a bug; and a report
 * that is written whatever ends the run, so a CI parser always finds one.
 */
class ExitCodesTest {
    @TempDir
    Path tmp;

    @Test
    void eachKindOfErrorHasItsCode() {
        assertEquals(ExitCode.ERROR, Main.exitCodeOf(new BadInputException(Path.of("x.wav"), "is empty")));
        assertEquals(ExitCode.ENVIRONMENT, Main.exitCodeOf(new EnvironmentException("--device cuda: no GPU")));
        assertEquals(ExitCode.ENVIRONMENT, Main.exitCodeOf(new OutOfMemoryError("Java heap space")));
        assertEquals(ExitCode.INTERNAL, Main.exitCodeOf(new IllegalStateException("a bug")));
        assertEquals(ExitCode.INTERNAL, Main.exitCodeOf(new StackOverflowError()));
    }

    @Test
    void aBugIsSaidToBeOneWithItsStackTrace() {
        StringWriter err = new StringWriter();
        int code = Main.report(new IllegalStateException("a bug"), new PrintWriter(err, true));
        assertEquals(4, code);
        assertTrue(err.toString().startsWith("internal error (please report): java.lang.IllegalStateException: a bug"),
                err.toString());
        assertTrue(err.toString().contains("\tat dev.encodecparity.cli.ExitCodesTest"), err.toString());
    }

    @Test
    void theEnvironmentIsOneLine() {
        StringWriter err = new StringWriter();
        assertEquals(3, Main.report(new EnvironmentException("--device cuda: no GPU"), new PrintWriter(err, true)));
        assertEquals("error: --device cuda: no GPU", err.toString().strip());
    }

    @Test
    void badInputStillWritesAnErrorReport() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.wav"));
        Path report = tmp.resolve("report.json");
        CliRun r = CliRun.of("verify", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--config",
                TestData.path("configs/tiny_24khz.json"), "--audio", empty, "--report", report);
        assertEquals(ExitCode.ERROR, r.exitCode(), r.err());
        JsonNode o = Json.MAPPER.readTree(report.toFile());
        assertEquals(1, o.get("schema_version").asInt());
        assertEquals("error", o.get("kind").asText());
        assertEquals("verify", o.get("command").asText());
        assertEquals(2, o.get("exit_code").asInt());
        assertEquals("error", o.get("verdict").asText());
        assertEquals("bad_input", o.get("error").get("type").asText());
        assertEquals(empty.toString(), o.get("error").get("file").asText());
        assertTrue(o.get("error").get("message").asText().startsWith(empty + ": "), o.toString());
        assertTrue(r.err().startsWith("error: " + empty + ": "), r.err());
    }

    @Test
    void anOptionRefusedInsideTheRunWritesOneToo() throws Exception {
        Path report = tmp.resolve("report.json");
        CliRun r = CliRun.of("golden", "check", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"),
                "--config", TestData.path("configs/tiny_24khz.json"), "--goldens", tmp.resolve("none"), "--report",
                report);
        assertEquals(ExitCode.ERROR, r.exitCode(), r.err());
        JsonNode o = Json.MAPPER.readTree(report.toFile());
        assertEquals("golden check", o.get("command").asText());
        assertFalse(o.get("error").get("message").asText().isEmpty());
    }
}
