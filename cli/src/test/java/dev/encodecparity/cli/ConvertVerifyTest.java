package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.BrokenCheckpoints;
import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert --verify}: a conversion is published, with its model card, only when it passes its verification; a
 * model whose verification does not pass (here a source with a NaN weight, converted with --allow-non-finite, so the
 * verification calls it broken) is not published at all.
 */
class ConvertVerifyTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final String CONFIG = TestData.path("configs/tiny_24khz.json").toString();

    @TempDir
    Path tmp;

    @Test
    void aPassingConversionIsPublishedWithItsModelCard() throws Exception {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", out, "--verify",
                "--audio", TestData.path("audio/speech_24000hz_1ch.wav"), "--threads", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("PASS: 3 of 3 rows pass"), r.out());
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.startsWith("---\nlibrary_name: transformers\n"), card);
        assertTrue(card.contains("<!-- encodec-parity model card -->"), card);
        assertTrue(card.contains("| source SHA-256 | `" + dev.encodecparity.common.Hashing.sha256(CKPT) + "` |"), card);
        assertTrue(card.contains("**PASS**: 3 of 3 rows pass"), card);
        // the folder with its card is this tool's output: --force may replace it, and --no-model-card leaves it out
        CliRun again = CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", out, "--verify",
                "--audio", TestData.path("audio/speech_24000hz_1ch.wav"), "--threads", "1", "--force",
                "--no-model-card");
        assertEquals(ExitCode.OK, again.exitCode(), again.err());
        assertFalse(Files.exists(out.resolve("README.md")));
    }

    @Test
    void aConversionThatDoesNotPassIsNotPublished() throws Exception {
        Path broken = BrokenCheckpoints.withValue(CKPT, tmp.resolve("nan.th"), "decoder.model.0.conv.conv.bias", 0,
                Float.NaN);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("convert", "--checkpoint", broken, "--config", CONFIG, "--out", out, "--verify",
                "--allow-non-finite", "--audio", TestData.path("audio/speech_24000hz_1ch.wav"), "--threads", "1");
        assertEquals(ExitCode.CHECK_FAILED, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("not published: the conversion did not pass its verification"), r.out());
        assertFalse(Files.exists(out));
    }
}
