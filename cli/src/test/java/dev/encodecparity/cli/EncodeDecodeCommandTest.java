package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.NdArray;
import dev.encodecparity.audio.NpyWriter;
import dev.encodecparity.compare.AudioComparison;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** encode and decode as a user runs them: files in, files out, the golden codes and audio, exit codes. */
class EncodeDecodeCommandTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_48khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_48khz.json");

    @TempDir
    Path tmp;

    @Test
    void encodeWritesTheGoldenCodesAndDecodeTheGoldenAudio() throws IOException {
        Path codes = tmp.resolve("out/speech.npz");
        CliRun e = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                TestData.path("audio/speech_48000hz_2ch.wav"), "--bandwidth", "7.2", "--out", codes, "--device", "cpu");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("8 codebooks, 2 chunks"), e.out());
        assertTrue(e.out().contains("libtorch 2.7.1, DJL 0.36.0"), e.out());
        EncodedAudio golden = CodesFile.read(TestData.path("goldens/tiny_48khz/speech_48000hz_2ch.bw7.2.codes.npz"));
        assertTrue(CodesFile.read(codes).sameAs(golden), "codes differ from transformers' golden codes");
        assertTrue(Files.readString(tmp.resolve("out/speech.npz.json")).contains("\"libtorch\" : \"2.7.1\""));

        Path wav = tmp.resolve("speech.wav");
        CliRun d = CliRun.of("decode", "--checkpoint", CKPT, "--config", CONFIG, "--codes", codes, "--out", wav);
        assertEquals(0, d.exitCode(), d.err());
        Audio decoded = AudioFiles.read(wav);
        assertEquals(48000, decoded.sampleRate().getAsInt());
        Audio want = AudioFiles.read(TestData.path("goldens/tiny_48khz/speech_48000hz_2ch.bw7.2.audio.npy"));
        AudioComparison c = AudioComparison.of(want.samples(), decoded.samples());
        assertFalse(c.lengthsDiffer(), c.toString());
        assertTrue(c.maxAbsError() <= 1e-5, c.toString());

        Path npy = tmp.resolve("speech.npy");
        assertEquals(0, CliRun.of("decode", "--checkpoint", CKPT, "--config", CONFIG, "--codes", codes, "--out", npy)
                .exitCode());
        assertArrayEquals(decoded.samples()[1], AudioFiles.read(npy).samples()[1]);
    }

    @Test
    void npyInputOfEitherShape() throws IOException {
        Audio clip = AudioFiles.read(TestData.path("audio/odd_24000hz_1ch.wav"));
        Path flat = tmp.resolve("flat.npy");
        NpyWriter.write(flat, NdArray.float32(clip.samples()[0], clip.frames()));
        Path out = tmp.resolve("odd.npz");
        CliRun r = CliRun.of("encode", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--config",
                TestData.path("configs/tiny_24khz.json"), "--audio", flat, "--bandwidth", "3.6", "--out", out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(CodesFile.read(out).sameAs(
                CodesFile.read(TestData.path("goldens/tiny_24khz/odd_24000hz_1ch.bw3.6.codes.npz"))));
    }

    @Test
    void audioThatDoesNotFitTheModelSaysWhatTheModelExpects() {
        CliRun rate = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                TestData.path("audio/speech_24000hz_1ch.wav"), "--bandwidth", "7.2", "--out", tmp.resolve("x.npz"));
        assertEquals(2, rate.exitCode());
        assertTrue(rate.err().contains("speech_24000hz_1ch.wav: the audio is 24000 Hz; this model expects 48000 Hz"),
                rate.err());
        CliRun bw = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                TestData.path("audio/speech_48000hz_2ch.wav"), "--bandwidth", "6", "--out", tmp.resolve("x.npz"));
        assertEquals(2, bw.exitCode());
        assertTrue(bw.err().contains("bandwidth 6.0 kbps is not one of this model's: [1.8, 3.6, 7.2]"), bw.err());
        assertFalse(Files.exists(tmp.resolve("x.npz")));
    }

    @Test
    void monoAudioForAStereoModel() throws IOException {
        Path mono = tmp.resolve("mono.npy");
        NpyWriter.write(mono, NdArray.float32(new float[4800], 1, 4800));
        CliRun r = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", mono, "--bandwidth", "7.2",
                "--out", tmp.resolve("x.npz"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("mono.npy: the audio has 1 channel; this model expects 2"), r.err());
    }

    @Test
    void codesThatDoNotFitTheModel() {
        Path codes = TestData.path("goldens/tiny_48khz/long_48000hz_2ch.bw7.2.codes.npz");
        CliRun r = CliRun.of("decode", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--config",
                TestData.path("configs/tiny_24khz.json"), "--codes", codes, "--out", tmp.resolve("x.wav"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("long_48000hz_2ch.bw7.2.codes.npz: the codes have 3 chunks; this model does not"
                + " chunk"), r.err());
        assertFalse(Files.exists(tmp.resolve("x.wav")));
    }

    @Test
    void aGpuThatIsNotThere() {
        Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "a GPU is visible to DJL here");
        CliRun r = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                TestData.path("audio/speech_48000hz_2ch.wav"), "--bandwidth", "7.2", "--out", tmp.resolve("x.npz"),
                "--device", "cuda");
        assertEquals(ExitCode.ENVIRONMENT, r.exitCode(), r.err());
        assertTrue(r.err().contains("--device cuda: this machine has no NVIDIA driver"), r.err());
        assertFalse(Files.exists(tmp.resolve("x.npz")));
    }

    @Test
    void anUnknownDevice() {
        CliRun r = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                TestData.path("audio/speech_48000hz_2ch.wav"), "--bandwidth", "7.2", "--out", tmp.resolve("x.npz"),
                "--device", "tpu");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--device must be auto, cpu, cuda or cuda:N, not 'tpu'"), r.err());
    }
}
