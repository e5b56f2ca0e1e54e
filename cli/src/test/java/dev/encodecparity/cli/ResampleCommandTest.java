package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resample}: a 48 kHz stereo clip into the 24 kHz mono model, as the original code's convert_audio would
 * give it, with the conversion recorded where the output says what it was made from.
 */
class ResampleCommandTest {
    private static final String CKPT = TestData.path("checkpoints/tiny_24khz.th").toString();
    private static final String CONFIG = TestData.path("configs/tiny_24khz.json").toString();
    private static final String STEREO_48K = TestData.path("audio/speech_48000hz_2ch.wav").toString();

    @TempDir
    Path tmp;

    @Test
    void encodeRecordsTheConversionInItsSidecar() throws Exception {
        Path codes = tmp.resolve("x.npz");
        CliRun r = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", STEREO_48K, "--bandwidth",
                "1.8", "--out", codes, "--resample", "--threads", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        JsonNode side = Json.MAPPER.readTree(tmp.resolve("x.npz.json").toFile());
        assertEquals("48000 Hz, 2 channels -> 24000 Hz, 1 channel: mean of the channels, resampled 48000 Hz ->"
                + " 24000 Hz (2:1, 28 taps per phase)", side.get("audio_conversion").asText());
    }

    @Test
    void verifyNamesTheConversionWithTheClipsInput() throws Exception {
        Path report = tmp.resolve("r.json");
        CliRun r = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", STEREO_48K, "--resample",
                "--bandwidth", "1.8", "--report", report, "--threads", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.err() + r.out());
        JsonNode inputs = Json.MAPPER.readTree(report.toFile()).get("inputs");
        assertTrue(inputs.has("audio " + STEREO_48K + " (48000 Hz, 2 channels -> 24000 Hz, 1 channel: mean of the"
                + " channels, resampled 48000 Hz -> 24000 Hz (2:1, 28 taps per phase))"), inputs.toString());
        CliRun without = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", STEREO_48K);
        assertEquals(ExitCode.ERROR, without.exitCode());
        assertTrue(without.err().contains("(--resample converts it, as the original code's convert_audio does)"),
                without.err());
    }

    @Test
    void decodeWritesSixteenBitPcmAsSaveAudio() throws Exception {
        Path codes = tmp.resolve("c.npz");
        assertEquals(ExitCode.OK, CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                TestData.path("audio/speech_24000hz_1ch.wav"), "--bandwidth", "1.8", "--out", codes, "--threads",
                "1").exitCode());
        Path wav = tmp.resolve("out.wav");
        CliRun r = CliRun.of("decode", "--checkpoint", CKPT, "--config", CONFIG, "--codes", codes, "--out", wav,
                "--pcm16", "--threads", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        byte[] b = java.nio.file.Files.readAllBytes(wav);
        assertEquals(1, b[20] | b[21] << 8, "WAVE_FORMAT_PCM");
        assertEquals(16, b[34], "bits per sample");
        assertEquals("pcm16 as save_audio writes it (clamped to 0.99)",
                Json.MAPPER.readTree(tmp.resolve("out.wav.json").toFile()).get("encoding").asText());
        CliRun npy = CliRun.of("decode", "--checkpoint", CKPT, "--config", CONFIG, "--codes", codes, "--out",
                tmp.resolve("x.npy"), "--pcm16");
        assertEquals(ExitCode.ERROR, npy.exitCode());
    }
}
