package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convert command's contract: its flags, its summary, its exit codes and one-line errors. */
class ConvertCommandTest {
    @TempDir
    Path tmp;

    @Test
    void convertsAndConvertsBack() {
        Path out = tmp.resolve("hf");
        CliRun r = CliRun.of("convert", "--checkpoint", TestData.path("checkpoints/tiny_32khz_audiocraft.th"),
                "--out", out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("tensors:  116"), r.out());
        assertTrue(r.out().contains("settings from xp.cfg in the checkpoint"), r.out());
        assertTrue(Files.exists(out.resolve("model.safetensors")));

        CliRun back = CliRun.of("convert", "--to", "original", "--model-dir", out, "--out", tmp.resolve("back.th"));
        assertEquals(0, back.exitCode(), back.err());
        assertTrue(Files.exists(tmp.resolve("back.th")));
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("convert", "--checkpoint", TestData.path("checkpoints/hostile/os_system.th"), "--out",
                tmp.resolve("x"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error: " + TestData.path("checkpoints/hostile/os_system.th")), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CliRun.of("convert", "--checkpoint", "x.th").exitCode()); // --out missing
        assertEquals(2, CliRun.of("convert", "--out", tmp.resolve("o")).exitCode()); // nothing to convert
        CliRun both = CliRun.of("convert", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--model",
                "encodec_24khz", "--config", TestData.path("configs/tiny_24khz.json"), "--out", tmp.resolve("o"));
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("give either --model or --config, not both"), both.err());
        CliRun unknown = CliRun.of("convert", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--model",
                "encodec_96khz", "--out", tmp.resolve("o"));
        assertTrue(unknown.err().contains("unknown model 'encodec_96khz'"), unknown.err());
        assertEquals(2, CliRun.of("convert", "--bogus").exitCode());
    }

    @Test
    void helpOnEverySubcommand() {
        CliRun r = CliRun.of("convert", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--checkpoint=FILE"), r.out());
        assertEquals(0, CliRun.of("--help").exitCode());
    }
}
