package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.testing.BrokenCheckpoints;
import dev.encodecparity.testing.TestData;
import dev.encodecparity.verify.BreakageAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers that are not numbers (issue 13), as a user meets them: a checkpoint with a NaN or an infinity converts only
 * when asked to and says which tensors; verify calls such a model broken instead of passing it or blaming the
 * conversion; encode, decode and golden record never write non-finite outputs as if they were valid.
 */
class NonFiniteCommandTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final Path CLIP = TestData.path("audio/speech_24000hz_1ch.wav");
    private static final String ENCODER_BIAS = "encoder.model.0.conv.conv.bias";
    private static final String DECODER_BIAS = "decoder.model.0.conv.conv.bias";

    @TempDir
    Path tmp;

    private Path nanEncoderBias() {
        return BrokenCheckpoints.withValue(CKPT, tmp.resolve("nan_encoder.th"), ENCODER_BIAS, 1, Float.NaN);
    }

    private Path nanDecoderBias() {
        return BrokenCheckpoints.withValue(CKPT, tmp.resolve("nan_decoder.th"), DECODER_BIAS, 0, Float.NaN);
    }

    @Test
    void convertRefusesNonFiniteWeightsNamingEachTensorAndWritesNothing() {
        Path broken = BrokenCheckpoints.edited(CKPT, tmp.resolve("broken.th"), t -> {
            t.get(ENCODER_BIAS)[1] = Float.NaN;
            t.get(DECODER_BIAS)[3] = Float.POSITIVE_INFINITY;
            t.get(DECODER_BIAS)[4] = Float.NEGATIVE_INFINITY;
            t.get(DECODER_BIAS)[5] = Float.NEGATIVE_INFINITY;
        });
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("convert", "--checkpoint", broken, "--config", CONFIG, "--out", out);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of("error: " + broken + ": 2 tensors hold non-finite values; nothing was written"
                + " (--allow-non-finite converts anyway)",
                "  " + ENCODER_BIAS + ": 1 NaN of 2 values",
                "  " + DECODER_BIAS + ": 1 +Inf, 2 -Inf of 32 values"), lines);
        assertFalse(Files.exists(out));
        assertEquals(List.of("broken.th"), entries(tmp));
    }

    @Test
    void convertWithAllowNonFiniteWarnsAndRecordsTheTensorsInTheProvenance() {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("convert", "--checkpoint", nanEncoderBias(), "--config", CONFIG, "--out", out,
                "--allow-non-finite");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals(List.of("warning: 1 tensor holds non-finite values; converted anyway (--allow-non-finite)",
                "  " + ENCODER_BIAS + ": 1 NaN of 2 values"), r.err().lines().toList());
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve("model.safetensors"))) {
            assertEquals(ENCODER_BIAS + ": 1 NaN of 2 values", f.metadata().get("encodec_parity.non_finite_tensors"));
        }
        // And the way back is refused the same way, naming the converted file's tensor.
        Path back = tmp.resolve("back.th");
        CliRun b = CliRun.of("convert", "--to", "original", "--model-dir", out, "--out", back);
        assertEquals(2, b.exitCode(), b.out() + b.err());
        assertTrue(b.err().startsWith("error: " + out.resolve("model.safetensors") + ": 1 tensor holds non-finite"
                + " values; nothing was written (--allow-non-finite converts anyway)\n  encoder.layers.0.conv.bias:"
                + " 1 NaN of 2 values"), b.err());
        assertFalse(Files.exists(back));
        assertEquals(0, CliRun.of("convert", "--to", "original", "--model-dir", out, "--out", back,
                "--allow-non-finite").exitCode());
    }

    @Test
    void aFiniteConversionRecordsNoNonFiniteTensors() {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", out);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve("model.safetensors"))) {
            assertFalse(f.metadata().containsKey("encodec_parity.non_finite_tensors"), f.metadata().toString());
        }
    }

    @Test
    void verifyCallsANaNEncoderBiasBrokenInsteadOfPassingIt() throws IOException {
        Path report = tmp.resolve("report.json");
        CliRun r = CliRun.of("verify", "--checkpoint", nanEncoderBias(), "--config", CONFIG, "--audio", CLIP,
                "--report", report);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("same non-finite tensors on both sides: the conversion is exact, the source model"
                + " itself is broken"), r.out());
        assertTrue(r.out().contains("broken: original model: 1 tensor holds non-finite values: " + ENCODER_BIAS
                + " (1 NaN of 2 values)"), r.out());
        assertFalse(r.out().contains("first divergence"), r.out());
        List<String> lines = r.out().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 2).startsWith("BROKEN: "), r.out()); // the last line names the report
        assertEquals(3, r.out().lines().filter(l -> l.startsWith("speech_24000hz_1ch.wav") && l.endsWith("BROKEN"))
                .count(), r.out());

        JsonNode json = Json.MAPPER.readTree(report.toFile());
        assertEquals("broken", json.get("verdict").asText());
        for (JsonNode row : json.get("rows")) {
            assertEquals("broken", row.get("verdict").asText()); // one spelling in JSON; the table shouts
        }
        JsonNode broken = json.get("broken");
        assertTrue(broken.get("same_on_both_sides").asBoolean(), broken.toString());
        assertEquals(ENCODER_BIAS, broken.get("original_weights").get(0).get("name").asText());
        assertEquals(1, broken.get("original_weights").get(0).get("nan").asLong());
        assertEquals("encoder.layers.0.conv.bias", broken.get("converted_weights").get(0).get("name").asText());
    }

    @Test
    void verifyNamesTheNonFiniteDecoderTensorInsteadOfSearchingForADivergence() {
        CliRun r = CliRun.of("verify", "--checkpoint", nanDecoderBias(), "--config", CONFIG, "--audio", CLIP,
                "--bandwidth", "1.8");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertFalse(r.out().contains("first divergence"), r.out());
        assertTrue(r.out().contains("original model: 1 tensor holds non-finite values: " + DECODER_BIAS
                + " (1 NaN of 32 values)"), r.out());
        assertTrue(r.out().contains("same non-finite tensors on both sides"), r.out());
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("BROKEN: "), r.out());
    }

    @Test
    void verifySaysWhenTheConversionIntroducedTheNonFiniteValues() throws IOException {
        Path good = tmp.resolve("good");
        assertEquals(0, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", good).exitCode());
        Path broken = BreakageAccess.scaleTensor(good, tmp.resolve("broken"), "decoder.layers.0.conv.bias", Float.NaN);
        CliRun r = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--converted", broken, "--audio",
                CLIP, "--bandwidth", "1.8");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("converted model: 1 tensor holds non-finite values: decoder.layers.0.conv.bias"
                + " (32 NaN of 32 values)"), r.out());
        assertTrue(r.out().contains("the original model's weights are finite: the conversion is not exact"), r.out());
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("BROKEN: "), r.out());
    }

    @Test
    void encodeAndDecodeWriteNothingForAModelWithNonFiniteWeights() throws IOException {
        Path codes = tmp.resolve("codes.npz");
        CliRun e = CliRun.of("encode", "--checkpoint", nanEncoderBias(), "--config", CONFIG, "--audio", CLIP,
                "--bandwidth", "1.8", "--out", codes);
        assertEquals(2, e.exitCode(), e.out() + e.err());
        assertEquals(List.of("error: " + tmp.resolve("nan_encoder.th") + ": the model has non-finite weights, so"
                + " nothing was written: 1 tensor: " + ENCODER_BIAS + " (1 NaN of 2 values)"),
                e.err().lines().toList());
        assertFalse(Files.exists(codes));
        assertFalse(Files.exists(tmp.resolve("codes.npz.json")));

        // Good codes, broken decoder: what used to be an all-NaN WAV.
        assertEquals(0, CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP,
                "--bandwidth", "1.8", "--out", codes).exitCode());
        Path wav = tmp.resolve("out.wav");
        CliRun d = CliRun.of("decode", "--checkpoint", nanDecoderBias(), "--config", CONFIG, "--codes", codes,
                "--out", wav);
        assertEquals(2, d.exitCode(), d.out() + d.err());
        assertTrue(d.err().startsWith("error: " + tmp.resolve("nan_decoder.th") + ": the model has non-finite"
                + " weights, so nothing was written: 1 tensor: " + DECODER_BIAS + " (1 NaN of 32 values)"), d.err());
        assertFalse(Files.exists(wav));
        assertFalse(Files.exists(tmp.resolve("out.wav.json")));
    }

    /** Finite weights so large that the activations overflow float32. */
    private Path overflowing() {
        return BrokenCheckpoints.edited(CKPT, tmp.resolve("huge.th"), t -> {
            Arrays.fill(t.get("encoder.model.15.conv.conv.weight_g"), Float.MAX_VALUE);
            Arrays.fill(t.get("decoder.model.0.conv.conv.weight_g"), Float.MAX_VALUE);
        });
    }

    @Test
    void outputsThatOverflowAreNotWrittenThoughEveryWeightIsFinite() {
        Path huge = overflowing();
        Path codes = tmp.resolve("codes.npz");
        CliRun e = CliRun.of("encode", "--checkpoint", huge, "--config", CONFIG, "--audio", CLIP, "--bandwidth",
                "1.8", "--out", codes);
        assertEquals(2, e.exitCode(), e.out() + e.err());
        assertTrue(e.err().startsWith("error: " + huge + ": the encoder's output holds "), e.err());
        assertTrue(e.err().matches("(?s)[^\n]* non-finite values of \\d+ \\([^)]*\\); the codes would be meaningless,"
                + " so nothing was written\n"), e.err());
        assertFalse(Files.exists(codes));
        assertFalse(Files.exists(tmp.resolve("codes.npz.json")));

        assertEquals(0, CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP,
                "--bandwidth", "1.8", "--out", codes).exitCode());
        Path wav = tmp.resolve("out.wav");
        CliRun d = CliRun.of("decode", "--checkpoint", huge, "--config", CONFIG, "--codes", codes, "--out", wav);
        assertEquals(2, d.exitCode(), d.out() + d.err());
        assertTrue(d.err().startsWith("error: " + huge + ": the decoded audio holds "), d.err());
        assertTrue(d.err().matches("(?s)[^\n]* non-finite samples of 36160 \\([^)]*\\); nothing was written\n"),
                d.err());
        assertFalse(Files.exists(wav));
        assertFalse(Files.exists(tmp.resolve("out.wav.json")));

        Path goldens = tmp.resolve("goldens");
        CliRun g = CliRun.of("golden", "record", "--checkpoint", huge, "--config", CONFIG, "--out", goldens,
                "--audio", CLIP, "--bandwidth", "1.8");
        assertEquals(2, g.exitCode(), g.out() + g.err());
        assertTrue(g.err().startsWith("error: " + huge + ": the encoder's output holds "), g.err());
        assertFalse(Files.exists(goldens));
    }

    @Test
    void verifyCallsOverflowingOutputsBrokenThoughEveryWeightIsFinite() {
        CliRun r = CliRun.of("verify", "--checkpoint", overflowing(), "--config", CONFIG, "--audio", CLIP,
                "--bandwidth", "1.8");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("broken: every weight of both models is finite, but outputs are not (the"
                + " activations overflow float32): the original's on 1 of 1 rows, the converted model's on 1"),
                        r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("speech_24000hz_1ch.wav") && l.endsWith("BROKEN")));
        assertFalse(r.out().contains("first divergence"), r.out()); // both sides broken alike: nothing differs
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("BROKEN: 0 of 1 rows pass,"
                + " 1 broken"), r.out());
    }

    @Test
    void goldenRecordRefusesABrokenModelAndGoldenCheckCallsItBroken() throws IOException {
        Path goldens = tmp.resolve("goldens");
        Path nanDecoder = nanDecoderBias();
        CliRun bad = CliRun.of("golden", "record", "--checkpoint", nanDecoder, "--config", CONFIG, "--out",
                goldens, "--audio", CLIP, "--bandwidth", "1.8");
        assertEquals(2, bad.exitCode(), bad.out() + bad.err());
        assertTrue(bad.err().contains("the model has non-finite weights, so nothing was written"), bad.err());
        assertFalse(Files.exists(goldens));

        assertEquals(0, CliRun.of("golden", "record", "--checkpoint", CKPT, "--config", CONFIG, "--out", goldens,
                "--audio", CLIP, "--bandwidth", "0.9", "1.8").exitCode());
        Path report = tmp.resolve("check.json");
        CliRun check = CliRun.of("golden", "check", "--checkpoint", nanDecoder, "--config", CONFIG,
                "--goldens", goldens, "--report", report);
        assertEquals(1, check.exitCode(), check.out() + check.err());
        assertEquals(2, check.out().lines().filter(l -> l.startsWith("00-speech") && l.endsWith("BROKEN")).count(),
                check.out());
        assertTrue(check.out().contains("note: the model has non-finite weights: 1 tensor: " + DECODER_BIAS
                + " (1 NaN of 32 values)"), check.out());
        assertTrue(check.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("report: "));
        assertTrue(check.out().contains("\nBROKEN: "), check.out());
        assertEquals("broken", Json.MAPPER.readTree(report.toFile()).get("verdict").asText());
    }

    private static List<String> entries(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
