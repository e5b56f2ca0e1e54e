package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.AudioSource;
import dev.encodecparity.audio.NdArray;
import dev.encodecparity.audio.NpyReader;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.engine.AudioConversion;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real recordings as users have them: FLAC at 8, 16, 22.05, 44.1 and 48 kHz, mono and stereo, made at test time from
 * Debian packages (alsa-utils' spoken channel names and noise, espeak-ng speech; testdata/scripts/make_recordings.sh).
 * Each goes into each model with {@code encode --resample}, reading the FLAC with the tool's own decoder, and is
 * compared with a reference chain that shares nothing with the tool: the reference decoder {@code flac -d}, a plain
 * PCM reading in Python, and Debian's torchaudio 0.13.1 resampling as the original code's convert_audio does. The
 * converted audio must be within 1e-6 of torchaudio's, whole and read a block at a time, and the codes of the two
 * inputs identical, whole and streamed ({@code --stream}: the FLAC read, converted and encoded a block at a time).
 */
class RealRecordingsTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path recordings;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeRecordings() throws Exception {
        for (String tool : List.of("sox", "flac", "espeak-ng")) {
            Assumptions.assumeTrue(succeeds("bash", "-c", "command -v " + tool),
                    tool + " is missing (scripts/system-packages installs it)");
        }
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/share/sounds/alsa/Front_Center.wav")),
                "alsa-utils' recordings are missing (scripts/system-packages installs alsa-utils)");
        Assumptions.assumeTrue(succeeds(PYTHON.toString(), "-c", "import torchaudio"),
                "Debian's python3-torchaudio is missing (scripts/system-packages installs it)");
        String log = run(List.of(TestData.repo().resolve("testdata/scripts/make_recordings.sh").toString(),
                recordings.toString()));
        assertTrue(log.isEmpty(), log);
    }

    @ParameterizedTest(name = "{0} into {1}")
    @CsvSource({"front_center_48000hz_1ch,tiny_24khz", "front_44100hz_2ch,tiny_24khz", "noise_16000hz_1ch,tiny_24khz",
            "espeak_22050hz_1ch,tiny_24khz", "espeak_8000hz_1ch,tiny_24khz", "front_center_48000hz_1ch,tiny_48khz",
            "front_44100hz_2ch,tiny_48khz", "espeak_8000hz_1ch,tiny_48khz", "noise_16000hz_1ch,tiny_32khz",
            "espeak_22050hz_1ch,tiny_32khz", "front_44100hz_2ch,tiny_32khz"})
    void encodesAsTheOriginalCodeWouldAfterConvertAudio(String recording, String model) throws Exception {
        Path flac = recordings.resolve(recording + ".flac");
        int rate = Integer.parseInt(model.replaceAll("\\D", "")) * 1000;
        int channels = model.equals("tiny_48khz") ? 2 : 1;
        String bandwidth = switch (model) { // each tiny model's highest: the most codebooks to agree on
            case "tiny_24khz" -> "3.6";
            case "tiny_32khz" -> "1.4";
            default -> "7.2";
        };
        String ckpt = TestData.path("checkpoints/" + model + ".th").toString();
        String config = TestData.path("configs/" + model + ".json").toString();

        // The reference chain: flac -d, then Python reads the PCM and torchaudio converts it.
        Path wav = tmp.resolve("reference.wav");
        assertTrue(run(List.of("flac", "-d", "-s", "-f", "-o", wav.toString(), flac.toString())).isEmpty());
        Path reference = tmp.resolve("reference.npy");
        String log = run(List.of(PYTHON.toString(), TestData.repo().resolve("testdata/scripts/torchaudio_resample.py")
                .toString(), wav.toString(), "0", Integer.toString(rate), Integer.toString(channels),
                reference.toString()));
        assertTrue(log.startsWith("0.13.1"), log);

        // The tool's conversion of its own reading of the FLAC, sample by sample.
        NdArray want = NpyReader.read(reference);
        float[][] got = AudioConversion.toModel(AudioFiles.read(flac), flac, rate, channels).samples();
        assertArrayEquals(want.shape(), new long[] {got.length, got[0].length});
        float[] w = want.floatData();
        double max = 0;
        for (int c = 0; c < got.length; c++) {
            for (int i = 0; i < got[c].length; i++) {
                max = Math.max(max, Math.abs(got[c][i] - w[c * got[c].length + i]));
            }
        }
        assertTrue(max <= 1e-6, recording + " into " + model + ": max |diff| " + max);

        // The same, read and converted a block at a time as a streamed encode does.
        double maxStreamed = 0;
        try (AudioSource source = AudioConversion.toModel(AudioFiles.open(flac), flac, rate, channels).source()) {
            assertEquals(got[0].length, source.frames());
            float[][] block = new float[channels][4099];
            long at = 0;
            for (int n; (n = source.read(block, 0, block[0].length)) > 0; at += n) {
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < n; i++) {
                        maxStreamed = Math.max(maxStreamed, Math.abs(block[c][i] - w[(int) (c * got[c].length + at
                                + i)]));
                    }
                }
            }
            assertEquals(got[0].length, at);
        }
        assertTrue(maxStreamed <= 1e-6, recording + " into " + model + ", streamed: max |diff| " + maxStreamed);

        // Codes: encode --resample of the FLAC against an encode of torchaudio's converted audio.
        Path ours = tmp.resolve("ours.npz");
        Path theirs = tmp.resolve("theirs.npz");
        CliRun a = CliRun.of("encode", "--checkpoint", ckpt, "--config", config, "--audio", flac, "--resample",
                "--bandwidth", bandwidth, "--out", ours, "--threads", "1");
        assertEquals(ExitCode.OK, a.exitCode(), a.err());
        CliRun b = CliRun.of("encode", "--checkpoint", ckpt, "--config", config, "--audio", reference,
                "--bandwidth", bandwidth, "--out", theirs, "--threads", "1");
        assertEquals(ExitCode.OK, b.exitCode(), b.err());
        EncodedAudio x = CodesFile.read(ours);
        EncodedAudio y = CodesFile.read(theirs);
        assertTrue(x.sameAs(y), recording + " into " + model + ": the codes differ");
        Path streamed = tmp.resolve("streamed.npz");
        CliRun s = CliRun.of("encode", "--checkpoint", ckpt, "--config", config, "--audio", flac, "--resample",
                "--bandwidth", bandwidth, "--out", streamed, "--threads", "1", "--stream");
        assertEquals(ExitCode.OK, s.exitCode(), s.err());
        assertTrue(CodesFile.read(streamed).sameAs(y), recording + " into " + model + ", streamed: the codes differ");
        System.out.printf("%s into %s: %d samples x %d, max |diff| %.3e (streamed %.3e) against torchaudio, %d"
                + " chunk(s) of codes identical, streamed too%n", recording, model, got[0].length, got.length, max,
                maxStreamed, x.chunks());
    }

    private static boolean succeeds(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
    }

    /** Runs a command; its output (stdout and stderr), empty when it said nothing. Fails on a non-zero exit. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), command + " took too long");
        assertEquals(0, p.exitValue(), command + ": " + out);
        return out;
    }
}
