package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.NdArray;
import dev.encodecparity.audio.NpyReader;
import dev.encodecparity.audio.NpyWriter;
import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --resample} against what the original code's {@code convert_audio} gives with torchaudio itself (Debian's
 * python3-torchaudio 0.13.1, testdata/scripts/torchaudio_resample.py): speech, a sine and noise at 8, 16, 22.05, 44.1
 * and 48 kHz, mono and stereo, to each model's rate and channels; every sample within 1e-6 and the same length.
 */
class ResamplerTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;

    /** A clip at {@code rate}: the bundled speech clip's first second (resampled by nearest sample), a sine, noise. */
    private static float[][] clip(String kind, int rate, int channels) throws Exception {
        int n = rate * 3 / 4 + 17; // an odd length, three quarters of a second
        float[][] x = new float[channels][n];
        Random rnd = new Random(rate * 31L + channels);
        float[] speech = kind.equals("speech")
                ? AudioFiles.read(TestData.path("audio/speech_24000hz_1ch.wav")).samples()[0] : null;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                x[c][i] = switch (kind) {
                    case "speech" -> speech[(int) ((long) i * 24000 / rate) % speech.length] * (c == 0 ? 1f : 0.5f);
                    case "sine" -> (float) (0.5 * Math.sin(2 * Math.PI * (440 + 220 * c) * i / rate));
                    default -> (float) (0.2 * rnd.nextGaussian());
                };
            }
        }
        return x;
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} ch -> {3} Hz {4} ch")
    @CsvSource({"speech,8000,1,24000,1", "sine,16000,2,24000,1", "noise,22050,1,24000,1", "speech,44100,2,24000,1",
            "noise,48000,2,24000,1", "speech,16000,1,48000,2", "sine,44100,2,48000,2", "noise,8000,1,32000,1",
            "speech,22050,2,32000,1", "sine,48000,1,48000,2"})
    void asTorchaudioConvertsIt(String kind, int rate, int channels, int targetRate, int targetChannels)
            throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON) && torchaudio(), "Debian's python3-torchaudio is missing"
                + " (scripts/system-packages installs it)");
        float[][] x = clip(kind, rate, channels);
        Path in = tmp.resolve("in.npy");
        NpyWriter.write(in, NdArray.float32(flat(x), x.length, x[0].length));
        Path out = tmp.resolve("out.npy");
        Process p = new ProcessBuilder(PYTHON.toString(), TestData.repo().resolve(
                "testdata/scripts/torchaudio_resample.py").toString(), in.toString(), Integer.toString(rate),
                Integer.toString(targetRate), Integer.toString(targetChannels), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, log);
        NdArray want = NpyReader.read(out);

        AudioConversion got = AudioConversion.toModel(Audio.of(x, rate), in, targetRate, targetChannels);
        assertArrayEquals(want.shape(), new long[] {got.samples().length, got.samples()[0].length}, log);
        float[] w = want.floatData();
        float[] g = flat(got.samples());
        double max = 0;
        for (int i = 0; i < w.length; i++) {
            max = Math.max(max, Math.abs(w[i] - g[i]));
        }
        System.out.printf("resample %s %d Hz %d ch -> %d Hz %d ch: %d samples, max |diff| %.3g (%s)%n", kind, rate,
                channels, targetRate, targetChannels, g.length, max, log.strip());
        assertTrue(max <= 1e-6, "max |diff| " + max);
    }

    private static Boolean torchaudio;

    private static boolean torchaudio() throws Exception {
        if (torchaudio == null) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torchaudio").redirectErrorStream(true)
                    .start();
            torchaudio = p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
        }
        return torchaudio;
    }

    private static float[] flat(float[][] x) {
        float[] f = new float[x.length * x[0].length];
        for (int c = 0; c < x.length; c++) {
            System.arraycopy(x[c], 0, f, c * x[0].length, x[0].length);
        }
        return f;
    }

    @org.junit.jupiter.api.Test
    void lengthsAreTorchaudiosAndTheSameRateIsUntouched() {
        assertEquals(24000, Resampler.of(44100, 24000).outputLength(44100));
        assertEquals(3, Resampler.of(3, 2).outputLength(4)); // ceil(2 * 4 / 3)
        float[][] x = {{1f, 2f, 3f}};
        assertTrue(Resampler.of(24000, 24000).apply(x) == x);
    }
}
