package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.NdArray;
import dev.encodecparity.audio.NpyWriter;
import dev.encodecparity.audio.NpzWriter;
import dev.encodecparity.common.Json;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of docs/bad-inputs.md that have no home in a command's own test: every one exits 2 with one error line
 * that names the file (or the option) and writes nothing, and none surfaces as an internal error.
 */
class BadInputMatrixTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final Path CLIP = TestData.path("audio/speech_24000hz_1ch.wav");

    @TempDir
    Path tmp;

    /** Exit 2, one error line (after any usage text) containing {@code expected}, and no internal error. */
    private static CliRun refused(CliRun r, String expected) {
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertFalse(r.err().contains("internal error"), r.err());
        long errorLines = r.err().lines().filter(l -> l.startsWith("error: ")).count();
        assertEquals(1, errorLines, r.err());
        assertTrue(r.err().contains(expected), r.err());
        return r;
    }

    @Test
    void noSubcommandIsAUsageError() {
        refused(CliRun.of(), "a subcommand is required");
        refused(CliRun.of("golden"), "a subcommand is required");
    }

    @Test
    void toleranceAndThreadOptionsAreCheckedAlikeEverywhere() {
        refused(CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--atol", "NaN"),
                "--atol must be a finite number >= 0");
        refused(CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--threads", "-1"),
                "--threads must be >= 0");
        refused(CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--threads", "-1", "--audio", CLIP,
                "--bandwidth", "3.6", "--out", tmp.resolve("x.npz")), "--threads must be >= 0");
        // an absurd GPU index is the environment (no such GPU here), said in one line, not an internal error
        CliRun gpu = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--device", "cuda:99999999999",
                "--audio", CLIP, "--bandwidth", "3.6", "--out", tmp.resolve("x.npz"));
        assertEquals(ExitCode.ENVIRONMENT, gpu.exitCode(), gpu.err());
        assertEquals(1, gpu.err().lines().filter(l -> l.startsWith("error: --device cuda:99999999999")).count(),
                gpu.err());
        assertFalse(gpu.err().contains("internal error"), gpu.err());
    }

    @Test
    void optionErrorsAreUsageErrors() throws IOException {
        refused(CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth", "abc",
                "--out", tmp.resolve("x.npz")), "Invalid value for option '--bandwidth'");
        refused(CliRun.of("encode", "--checkpoint", CKPT, "--model-dir", tmp, "--audio", CLIP, "--bandwidth", "3.6",
                "--out", tmp.resolve("x.npz")), "mutually exclusive");
        refused(CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth", "3.6",
                "--out", tmp.resolve("x.wav")), "--out must be a .npz file");
        refused(CliRun.of("decode", "--checkpoint", CKPT, "--config", CONFIG, "--codes", tmp.resolve("c.npz"),
                "--out", tmp.resolve("x.mp3")), "--out must end in .wav or .npy");
        refused(CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--bandwidth", "5.0"),
                "bandwidth 5.0 kbps is not one of this model's");
        Path folder = tmp.resolve("config-folder");
        Files.createDirectories(folder);
        refused(CliRun.of("convert", "--checkpoint", CKPT, "--config", folder, "--out", tmp.resolve("out")),
                ": is a folder; expected a config.json file");
    }

    @Test
    void damagedGoldenFoldersAreRefused() throws IOException {
        Path model = tmp.resolve("hf");
        Path goldens = tmp.resolve("goldens");
        ObjectNode m = recordGoldens(model, goldens);
        Path manifest = goldens.resolve("manifest.json");
        Path clip = goldens.resolve(m.get("entries").get(0).get("clip").asText());
        byte[] original = Files.readAllBytes(clip);
        byte[] changed = original.clone();
        changed[changed.length - 1] ^= 1;
        Files.write(clip, changed);
        refused(goldenCheck(model, goldens),
                clip.getFileName() + ": differs from the recorded clip (SHA-256 mismatch)");
        Files.write(clip, original);
        Path codes = goldens.resolve(m.get("entries").get(0).get("codes").asText());
        Files.move(codes, tmp.resolve("moved.npz"));
        refused(goldenCheck(model, goldens), codes.getFileName() + ": ");
        m.put("format", "something else");
        Json.MAPPER.writeValue(manifest.toFile(), m);
        refused(goldenCheck(model, goldens),
                "manifest.json: not a golden manifest of format");
        Files.writeString(manifest, "{ not json");
        refused(goldenCheck(model, goldens),
                "manifest.json: not a valid golden manifest");
    }

    @Test
    void audioMustBeFiniteAndNonEmpty() throws IOException {
        float[] samples = AudioFiles.read(CLIP).samples()[0].clone();
        samples[100] = Float.NaN;
        Path nan = tmp.resolve("nan.npy");
        NpyWriter.write(nan, NdArray.float32(samples, 1, samples.length));
        refused(CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", nan, "--bandwidth", "3.6",
                "--out", tmp.resolve("nan.npz")), "nan.npy: sample 100 of channel 0 is NaN");
        refused(CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", nan),
                "nan.npy: sample 100 of channel 0 is NaN");
        Path empty = tmp.resolve("empty.npy");
        NpyWriter.write(empty, NdArray.float32(new float[0], 1, 0));
        refused(CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", empty, "--bandwidth", "3.6",
                "--out", tmp.resolve("empty.npz")), "empty.npy: the audio has no samples");
        assertFalse(Files.exists(tmp.resolve("nan.npz")) || Files.exists(tmp.resolve("empty.npz")));
    }

    @Test
    void benchChecksTheSampleRateLikeEveryOtherCommand() {
        refused(CliRun.of("bench", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                TestData.path("audio/speech_32000hz_1ch.wav"), "--iterations", "1"),
                "speech_32000hz_1ch.wav: the audio is 32000 Hz; this model expects 24000 Hz");
    }

    @Test
    void aCodesFileWithAnAbsurdArrayNameIsRefused() throws IOException {
        Path codes = tmp.resolve("codes.npz");
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("codes_0", NdArray.int64(new long[] {1, 2}, 2, 1));
        arrays.put("codes_99999999999", NdArray.int64(new long[] {1, 2}, 2, 1));
        NpzWriter.write(codes, arrays);
        refused(CliRun.of("decode", "--checkpoint", CKPT, "--config", CONFIG, "--codes", codes, "--out",
                tmp.resolve("x.wav")), "codes.npz: unexpected array 'codes_99999999999'");
    }

    @Test
    void noOutputWithoutItsSidecar() throws IOException {
        Path out = tmp.resolve("codes.npz");
        Files.createDirectories(tmp.resolve("codes.npz.json")); // the sidecar cannot be written
        refused(CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth", "3.6",
                "--out", out), "codes.npz.json: is a folder");
        assertFalse(Files.exists(out), "the codes were written without their provenance");
    }

    @Test
    void goldenManifestsCannotPointOutsideTheirFolder() throws IOException {
        Path model = tmp.resolve("hf");
        Path goldens = tmp.resolve("goldens");
        Path manifest = goldens.resolve("manifest.json");
        ObjectNode m = recordGoldens(model, goldens);
        ((ObjectNode) m.get("entries").get(0)).put("clip", "../../etc/passwd");
        Json.MAPPER.writeValue(manifest.toFile(), m);
        refused(goldenCheck(model, goldens),
                "manifest.json: entry file '../../etc/passwd' is outside the golden folder");
    }

    @Test
    void goldenCodesTheModelCannotDecodeAreRefusedNamingTheFile() throws IOException {
        Path model = tmp.resolve("hf");
        Path goldens = tmp.resolve("goldens");
        ObjectNode m = recordGoldens(model, goldens);
        Path codes = goldens.resolve(m.get("entries").get(0).get("codes").asText());
        EncodedAudio recorded = CodesFile.read(codes);
        recorded.codes().get(0)[0][3] = 1_000_000; // no codebook has that many entries
        Files.delete(codes);
        CodesFile.write(codes, recorded);
        refused(goldenCheck(model, goldens),
                codes.getFileName() + ": code 1000000 at chunk 0, codebook 0, frame 3 is outside the model's");
    }

    @Test
    void goldenCheckNotesADifferentThreadCount() throws IOException {
        Path model = tmp.resolve("hf");
        Path goldens = tmp.resolve("goldens");
        Path manifest = goldens.resolve("manifest.json");
        ObjectNode m = recordGoldens(model, goldens);
        int recorded = m.get("engine").get("threads").asInt();
        ((ObjectNode) m.get("engine")).put("threads", recorded + 7);
        Json.MAPPER.writeValue(manifest.toFile(), m);
        CliRun r = goldenCheck(model, goldens);
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("recorded with " + (recorded + 7) + " CPU thread(s), checking with " + recorded),
                r.out());
    }

    private static CliRun goldenCheck(Path model, Path goldens) {
        return CliRun.of("golden", "check", "--model-dir", model, "--goldens", goldens);
    }

    /** Converts the tiny model into {@code model}, records goldens of one clip, returns their manifest. */
    private static ObjectNode recordGoldens(Path model, Path goldens) throws IOException {
        Converter.toTransformers(CKPT, null, CONFIG, model, false);
        assertEquals(0, CliRun.of("golden", "record", "--model-dir", model, "--out", goldens, "--audio", CLIP)
                .exitCode());
        return (ObjectNode) Json.MAPPER.readTree(goldens.resolve("manifest.json").toFile());
    }

    @Test
    void everyTensorProblemIsListedBelowOneErrorLine() {
        CliRun r = refused(CliRun.of("convert", "--checkpoint", CKPT, "--config",
                TestData.path("configs/tiny_48khz.json"), "--out", tmp.resolve("out")), "does not fit custom");
        assertTrue(r.err().contains("\n  unused source tensor: encoder.model.0.conv.conv.weight_g"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }
}
