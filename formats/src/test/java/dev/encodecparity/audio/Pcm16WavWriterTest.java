package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code decode --pcm16} writes what the original code's {@code save_audio} writes (Debian's torchaudio 0.13.1, sox
 * backend, testdata/scripts/torchaudio_save_audio.py): the same bytes, header and samples, clamped or rescaled.
 */
class Pcm16WavWriterTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;

    /** Audio that reaches past the limit, near every rounding boundary, and quiet, per channel. */
    private static float[][] audio(int channels, float peak) {
        Random rnd = new Random(16 + channels);
        float[][] x = new float[channels][4801];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < x[c].length; i++) {
                x[c][i] = switch (i % 4) {
                    case 0 -> (float) (peak * (2 * rnd.nextDouble() - 1));
                    case 1 -> (rnd.nextInt(65536) - 32768 + 0.5f) / 32768f; // halfway between two codes
                    case 2 -> (float) (1e-4 * rnd.nextGaussian());
                    default -> (float) (0.5 * Math.sin(i * 0.01 * (c + 1)));
                };
            }
        }
        return x;
    }

    @ParameterizedTest(name = "{0} channel(s), peak {1}, rescale {2}")
    @CsvSource({"1,1.4,false", "2,1.4,false", "1,1.4,true", "2,0.5,true", "1,0.99,false"})
    void theSameBytesAsSaveAudio(int channels, float peak, boolean rescale) throws Exception {
        Assumptions.assumeTrue(torchaudio(), "Debian's python3-torchaudio is missing (scripts/system-packages)");
        float[][] x = audio(channels, peak);
        Path npy = tmp.resolve("x.npy");
        float[] flat = new float[channels * x[0].length];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(x[c], 0, flat, c * x[0].length, x[0].length);
        }
        NpyWriter.write(npy, NdArray.float32(flat, channels, x[0].length));
        Path want = tmp.resolve("want.wav");
        Process p = new ProcessBuilder(PYTHON.toString(), TestData.repo().resolve(
                "testdata/scripts/torchaudio_save_audio.py").toString(), npy.toString(), "24000", rescale ? "1" : "0",
                want.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, log);
        Path got = tmp.resolve("got.wav");
        Pcm16WavWriter.write(got, Audio.of(x, 24000), rescale);
        assertArrayEquals(Files.readAllBytes(want), Files.readAllBytes(got));
    }

    @Test
    void soxRoundsHalfUpAndSaturates() {
        assertEquals(1, Pcm16WavWriter.toPcm16(0.5f / 32768));
        assertEquals(0, Pcm16WavWriter.toPcm16(-0.5f / 32768));
        assertEquals(-1, Pcm16WavWriter.toPcm16(-1.5f / 32768));
        assertEquals(3, Pcm16WavWriter.toPcm16(2.5f / 32768));
        assertEquals(32767, Pcm16WavWriter.toPcm16(1.0f));
        assertEquals(-32768, Pcm16WavWriter.toPcm16(-1.0f));
        assertEquals(32767, Pcm16WavWriter.toPcm16(3f));
        assertEquals(-32768, Pcm16WavWriter.toPcm16(-3f));
    }

    private static boolean torchaudio() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torchaudio").redirectErrorStream(true).start();
        return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
    }
}
