package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.compare.AudioComparison;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --stream} in the commands that run clips, and the switch to streaming where the whole clip would not fit:
 * the outputs are the whole-clip outputs (the tiny 24 kHz model's codes identical, audio within 1e-5; the tiny
 * 48 kHz model's chunks bit for bit), and the sidecars and verify reports say which way a clip ran.
 */
class StreamCommandTest {
    private static final Path CKPT_24 = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG_24 = TestData.path("configs/tiny_24khz.json");
    private static final Path CKPT_48 = TestData.path("checkpoints/tiny_48khz.th");
    private static final Path CONFIG_48 = TestData.path("configs/tiny_48khz.json");

    @TempDir
    Path tmp;

    @Test
    void streamedEncodeAndDecodeGiveTheWholeClipOutputsAndSaySo() throws IOException {
        check(CKPT_24, CONFIG_24, TestData.path("audio/speech_24000hz_1ch.wav"), "3.6", 1e-5);
        check(CKPT_48, CONFIG_48, TestData.path("audio/long_48000hz_2ch.wav"), "7.2", 0);
    }

    private void check(Path ckpt, Path config, Path clip, String bandwidth, double atol) throws IOException {
        String name = ckpt.getFileName().toString();
        Path whole = run("encode", ckpt, config, "--audio", clip, "--bandwidth", bandwidth, "--out",
                tmp.resolve(name + ".whole.npz"));
        Path streamed = run("encode", ckpt, config, "--audio", clip, "--bandwidth", bandwidth, "--out",
                tmp.resolve(name + ".streamed.npz"), "--stream");
        assertFalse(sidecar(whole).get("streamed").booleanValue());
        assertTrue(sidecar(streamed).get("streamed").booleanValue());
        assertTrue(CodesFile.read(whole).sameAs(CodesFile.read(streamed)), name + ": streamed codes differ");

        Path a = run("decode", ckpt, config, "--codes", whole, "--out", tmp.resolve(name + ".whole.wav"));
        Path b = run("decode", ckpt, config, "--codes", whole, "--out", tmp.resolve(name + ".streamed.wav"),
                "--stream");
        assertFalse(sidecar(a).get("streamed").booleanValue());
        assertTrue(sidecar(b).get("streamed").booleanValue());
        AudioComparison c = AudioComparison.of(AudioFiles.read(a).samples(), AudioFiles.read(b).samples());
        assertTrue(!c.lengthsDiffer() && c.maxAbsError() <= atol, name + ": " + c);
    }

    /**
     * A streamed encode reads its clip from the file and converts it as it reads (--resample: a 16 kHz stereo float
     * WAV to the tiny 24 kHz model's mono), a streamed decode writes its file as it decodes (float WAV, .npy, 16-bit
     * PCM): the same codes and files as the whole-clip commands (the chunking 48 kHz model byte for byte).
     */
    @Test
    void streamedCommandsReadAndWriteTheirFilesAsTheWholeClipOnesDo() throws IOException {
        float[] speech = AudioFiles.read(TestData.path("audio/speech_24000hz_1ch.wav")).samples()[0];
        float[][] stereo = new float[2][16000 * 3 + 77];
        for (int i = 0; i < stereo[0].length; i++) {
            stereo[0][i] = speech[(i * 3 / 2) % speech.length];
            stereo[1][i] = 0.5f * speech[(i * 3 / 2 + 101) % speech.length];
        }
        Path clip = tmp.resolve("stereo16k.wav");
        AudioFiles.write(clip, Audio.of(stereo, 16000));
        Path whole = run("encode", CKPT_24, CONFIG_24, "--audio", clip, "--bandwidth", "3.6", "--resample", "--out",
                tmp.resolve("r.whole.npz"));
        Path streamed = run("encode", CKPT_24, CONFIG_24, "--audio", clip, "--bandwidth", "3.6", "--resample",
                "--out", tmp.resolve("r.streamed.npz"), "--stream");
        assertTrue(CodesFile.read(whole).sameAs(CodesFile.read(streamed)), "streamed codes differ");
        assertEquals(sidecar(whole).get("audio_conversion"), sidecar(streamed).get("audio_conversion"));

        Path codes48 = run("encode", CKPT_48, CONFIG_48, "--audio", TestData.path("audio/long_48000hz_2ch.wav"),
                "--bandwidth", "7.2", "--out", tmp.resolve("c48.npz"));
        for (String out : new String[] {"a.wav", "a.npy", "p.wav"}) {
            boolean pcm = out.startsWith("p");
            Object[] extra = pcm ? new Object[] {"--pcm16"} : new Object[0];
            Path a = run("decode", CKPT_48, CONFIG_48, concat(new Object[] {"--codes", codes48, "--out",
                    tmp.resolve("whole." + out)}, extra));
            Path b = run("decode", CKPT_48, CONFIG_48, concat(new Object[] {"--codes", codes48, "--out",
                    tmp.resolve("streamed." + out), "--stream"}, extra));
            assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(a),
                    java.nio.file.Files.readAllBytes(b)), out + ": the streamed file differs");
            assertEquals(sidecar(a).get("samples"), sidecar(b).get("samples"));
        }
        Path a = run("decode", CKPT_24, CONFIG_24, "--codes", whole, "--out", tmp.resolve("w24.npy"));
        Path b = run("decode", CKPT_24, CONFIG_24, "--codes", whole, "--out", tmp.resolve("s24.npy"), "--stream");
        AudioComparison c = AudioComparison.of(AudioFiles.read(a).samples(), AudioFiles.read(b).samples());
        assertTrue(!c.lengthsDiffer() && c.maxAbsError() <= 1e-5, c.toString());
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * With 80 MB available, encoding 20 s on the tiny 24 kHz model (about 91 MB whole, 64 MB streamed: the clip read
     * and encoded a block at a time) is streamed without being asked; with 30 MB it is refused, with the streamed
     * figure.
     */
    @Test
    void aClipThatWouldNotFitWholeIsStreamed() throws IOException {
        float[] speech = AudioFiles.read(TestData.path("audio/speech_24000hz_1ch.wav")).samples()[0];
        float[][] longer = new float[1][20 * 24000];
        for (int i = 0; i < longer[0].length; i++) {
            longer[0][i] = speech[i % speech.length];
        }
        Path clip = tmp.resolve("twenty.wav");
        AudioFiles.write(clip, Audio.of(longer, 24000));
        Path codes = tmp.resolve("twenty.npz");
        CliRun r = ResourceLimitTest.withAvailableMemory(80_000_000, () -> CliRun.of("encode", "--checkpoint",
                CKPT_24, "--config", CONFIG_24, "--audio", clip, "--bandwidth", "3.6", "--out", codes));
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains(", streamed)"), r.out());
        assertTrue(sidecar(codes).get("streamed").booleanValue());

        CliRun refused = ResourceLimitTest.withAvailableMemory(30_000_000, () -> CliRun.of("encode", "--checkpoint",
                CKPT_24, "--config", CONFIG_24, "--audio", clip, "--bandwidth", "3.6", "--out", tmp.resolve("no.npz")));
        assertEquals(ExitCode.ENVIRONMENT, refused.exitCode(), refused.err());
        assertTrue(refused.err().startsWith("error: " + clip + ": encoding 20.0 s of audio needs about ")
                && refused.err().contains(" of memory even streamed, and 30 MB is available"), refused.err());
    }

    @Test
    void verifyReportsWhichRowsWereStreamed() throws IOException {
        Path report = tmp.resolve("report.json");
        CliRun r = CliRun.of("verify", "--checkpoint", CKPT_24, "--config", CONFIG_24, "--audio",
                TestData.path("audio/speech_24000hz_1ch.wav"), "--bandwidth", "3.6", "--stream", "--report", report);
        assertEquals(ExitCode.OK, r.exitCode(), r.err() + r.out());
        JsonNode rows = Json.MAPPER.readTree(report.toFile()).get("rows");
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).get("streamed").booleanValue(), rows.toString());
        assertEquals("pass", rows.get(0).get("verdict").asText());
    }

    private static Path run(String command, Path ckpt, Path config, Object... rest) {
        Object[] args = new Object[rest.length + 5];
        args[0] = command;
        args[1] = "--checkpoint";
        args[2] = ckpt;
        args[3] = "--config";
        args[4] = config;
        System.arraycopy(rest, 0, args, 5, rest.length);
        CliRun r = CliRun.of(args);
        assertEquals(ExitCode.OK, r.exitCode(), command + ": " + r.err());
        for (int i = 0; i < rest.length - 1; i++) {
            if ("--out".equals(rest[i])) {
                return (Path) rest[i + 1];
            }
        }
        throw new IllegalArgumentException("no --out");
    }

    private static JsonNode sidecar(Path output) throws IOException {
        return Json.MAPPER.readTree(output.resolveSibling(output.getFileName() + ".json").toFile());
    }
}
