package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.testing.FullSize;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** verify, golden and demo as users' scripts call them: flags, tables, reports and exit codes. */
class VerifyGoldenDemoCommandTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");

    @TempDir
    Path tmp;

    @Test
    void verifyPassesWritesATableAndAReport() throws IOException {
        Path report = tmp.resolve("report.json");
        CliRun r = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--report", report);
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("kbps  codebooks  codes equal  max abs error  SNR dB  verdict"), r.out());
        assertTrue(r.out().contains("PASS: 18 of 18 rows pass"), r.out()); // 6 bundled clips x 3 bandwidths
        JsonNode j = Json.MAPPER.readTree(report.toFile());
        assertEquals("pass", j.get("verdict").asText());
        assertEquals("2.7.1", j.get("engine").get("libtorch").asText());
        assertEquals("0.36.0", j.get("engine").get("djl").asText());
        assertEquals(18, j.get("rows").size());
        assertEquals(64, j.get("inputs").get("checkpoint " + CKPT).asText().length()); // its sha256
        assertEquals(64, j.get("inputs").get("audio " + TestData.path("audio/odd_24000hz_1ch.wav")).asText().length());
        assertTrue(j.get("original_settings").has("pad_mode"));
    }

    @Test
    void verifyFailsWithExitOneOnABrokenConversion() throws IOException {
        Path folder = tmp.resolve("hf");
        Converter.toTransformers(CKPT, null, CONFIG, folder, false);
        Path config = folder.resolve("config.json");
        String written = Files.readString(config);
        assertTrue(written.contains("\"use_causal_conv\": true"), written); // json.dumps's spelling, as transformers'
        Files.writeString(config, written.replace("\"use_causal_conv\": true", "\"use_causal_conv\": false"));
        CliRun r = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--converted", folder, "--audio",
                TestData.path("audio/speech_24000hz_1ch.wav"), "--bandwidth", "3.6");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.out().contains("settings differ: causal: true vs false"), r.out());
        assertTrue(r.out().contains("first divergence: encoder.0 (conv)"), r.out());
        assertTrue(r.out().contains("FAIL: 0 of 1 rows pass"), r.out());
    }

    @Test
    void verifyBadInputIsExitTwo() throws IOException {
        assertEquals(2, CliRun.of("verify", "--checkpoint", tmp.resolve("missing.th")).exitCode());
        Path corrupt = Files.write(tmp.resolve("corrupt.th"), new byte[] {'P', 'K', 3, 4, 0, 0});
        CliRun c = CliRun.of("verify", "--checkpoint", corrupt);
        assertEquals(2, c.exitCode());
        assertTrue(c.err().startsWith("error: " + corrupt), c.err());
        CliRun channels = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                TestData.path("audio/speech_48000hz_2ch.wav"));
        assertEquals(2, channels.exitCode());
        assertTrue(channels.err().contains("the audio is 48000 Hz; this model expects 24000 Hz"), channels.err());
        Path other = tmp.resolve("other");
        Converter.toTransformers(TestData.path("checkpoints/tiny_32khz_audiocraft.th"), null, null, other, false);
        CliRun variants = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--converted", other);
        assertEquals(2, variants.exitCode());
        assertTrue(variants.err().contains("is not a conversion of tiny_24khz.th: different model"), variants.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz", "encodec_48khz", "encodec_32khz"})
    void verifyPassesOnFullSizePresets(String preset) {
        CliRun r = CliRun.of("verify", "--checkpoint", FullSize.checkpoint(preset), "--audio",
                FullSize.dir(preset).resolve("clip.wav"));
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("PASS"), r.out());
    }

    @Test
    void goldenRecordThenCheckPassesAndAPerturbedModelFails() throws IOException {
        Path good = tmp.resolve("good");
        Converter.toTransformers(CKPT, null, CONFIG, good, false);
        Path goldens = tmp.resolve("goldens");
        CliRun rec = CliRun.of("golden", "record", "--model-dir", good, "--out", goldens, "--audio",
                TestData.path("audio/speech_24000hz_1ch.wav"), TestData.path("audio/odd_24000hz_1ch.wav"));
        assertEquals(0, rec.exitCode(), rec.err());
        JsonNode manifest = Json.MAPPER.readTree(goldens.resolve("manifest.json").toFile());
        assertEquals(6, manifest.get("entries").size());
        assertEquals("2.7.1", manifest.get("engine").get("libtorch").asText());
        assertTrue(Files.exists(goldens.resolve("inputs/00-speech_24000hz_1ch.wav")));

        Path report = tmp.resolve("check.json");
        CliRun same = CliRun.of("golden", "check", "--model-dir", good, "--goldens", goldens, "--report", report);
        assertEquals(0, same.exitCode(), same.err() + same.out());
        assertTrue(same.out().contains("PASS: 6 of 6 entries pass"), same.out());
        for (JsonNode row : Json.MAPPER.readTree(report.toFile()).get("rows")) {
            assertEquals(0, row.get("codes_differing").asLong());
            assertEquals(0.0, row.get("max_abs_error").asDouble());
        }

        // A perturbed model: one decoder weight scaled, as a silently different stack might compute it.
        Path perturbed = tmp.resolve("perturbed");
        dev.encodecparity.verify.BreakageAccess.scaleTensor(good, perturbed, "decoder.layers.15.conv.weight_g", 1.01f);
        CliRun changed = CliRun.of("golden", "check", "--model-dir", perturbed, "--goldens", goldens);
        assertEquals(1, changed.exitCode(), changed.err() + changed.out());
        assertTrue(changed.out().contains("FAIL"), changed.out());
        assertTrue(changed.out().contains("note: the model's files differ from the recorded model's"), changed.out());

        // Goldens recorded with the perturbed model do not pass for the good one either.
        Path perturbedGoldens = tmp.resolve("perturbed-goldens");
        assertEquals(0, CliRun.of("golden", "record", "--model-dir", perturbed, "--out", perturbedGoldens, "--audio",
                TestData.path("audio/speech_24000hz_1ch.wav")).exitCode());
        assertEquals(1, CliRun.of("golden", "check", "--model-dir", good, "--goldens", perturbedGoldens).exitCode());
    }

    @Test
    void goldenBadInputIsExitTwo() throws IOException {
        CliRun r = CliRun.of("golden", "check", "--model-dir", tmp, "--goldens", tmp);
        assertEquals(2, r.exitCode());
        Path folder = tmp.resolve("hf");
        Converter.toTransformers(CKPT, null, CONFIG, folder, false);
        CliRun notGolden = CliRun.of("golden", "check", "--model-dir", folder, "--goldens", tmp);
        assertEquals(2, notGolden.exitCode());
        assertTrue(notGolden.err().contains("not a golden folder"), notGolden.err());
        Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(tmp.resolve("existing/x"), "x");
        CliRun exists = CliRun.of("golden", "record", "--model-dir", folder, "--out", tmp.resolve("existing"));
        assertEquals(2, exists.exitCode());
        assertTrue(exists.err().contains("folder exists and is not empty (1 entry: x); use --force"), exists.err());
    }

    @Test
    void demoVerifiesEveryBundledConversion() {
        CliRun r = CliRun.of("demo", "--device", "cpu");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("demo: 3 of 3 conversions verified (same codes, same audio)"), r.out());
        assertFalse(r.out().contains("FAIL"), r.out());
    }
}
