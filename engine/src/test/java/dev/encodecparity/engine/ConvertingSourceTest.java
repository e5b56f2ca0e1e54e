package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioSource;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --resample} on a clip read a block at a time gives what the whole-clip conversion gives (which
 * {@link ResamplerTest} holds to torchaudio itself): the same length and channels, every sample within 1e-6, read in
 * awkward block sizes over clips several convolution blocks long.
 */
class ConvertingSourceTest {
    private static final Path FILE = Path.of("clip.flac");

    @ParameterizedTest(name = "{0} Hz {1} ch -> {2} Hz {3} ch, read {4} at a time")
    @CsvSource({"44100,2,24000,1,1000", "16000,1,24000,1,4096", "22050,2,32000,1,7", "8000,1,48000,2,65536",
            "48000,2,24000,1,333", "44100,1,48000,2,100000", "48000,1,24000,1,1", "24000,2,24000,1,999"})
    void readInBlocksItIsTheWholeClipConversion(int rate, int channels, int target, int targetChannels, int block) {
        int n = rate * 5 + 1234; // several of the resampler's blocks at every rate pair
        float[][] x = new float[channels][n];
        Random rnd = new Random(rate + 7L * channels);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                x[c][i] = (float) (0.3 * Math.sin(2 * Math.PI * (300 + 100 * c) * i / rate) + 0.1 * rnd.nextGaussian());
            }
        }
        Audio audio = Audio.of(x, rate);
        AudioConversion whole = AudioConversion.toModel(audio, FILE, target, targetChannels);
        AudioConversion.Streamed streamed = AudioConversion.toModel(AudioSource.of(audio), FILE, target,
                targetChannels);
        assertEquals(whole.applied(), streamed.applied());
        try (AudioSource s = streamed.source()) {
            assertEquals(target, s.sampleRate().getAsInt());
            assertEquals(targetChannels, s.channels());
            assertEquals(whole.samples()[0].length, s.frames());
            float[][] got = new float[targetChannels][(int) s.frames() + 5];
            int at = 0;
            for (int r; (r = s.read(got, at, Math.min(block, got[0].length - at))) > 0; ) {
                at += r;
            }
            assertEquals(s.frames(), at);
            double max = 0;
            for (int c = 0; c < targetChannels; c++) {
                for (int i = 0; i < at; i++) {
                    max = Math.max(max, Math.abs(got[c][i] - whole.samples()[c][i]));
                }
            }
            System.out.printf("%d Hz %d ch -> %d Hz %d ch: max difference %.3g%n", rate, channels, target,
                    targetChannels, max);
            assertTrue(max <= 1e-6, "max difference " + max);
        }
    }

    @ParameterizedTest
    @CsvSource({"24000,1", "48000,2"})
    void aClipThatFitsIsReadAsItIs(int rate, int channels) {
        AudioSource in = AudioSource.of(Audio.of(new float[channels][10], rate));
        AudioConversion.Streamed s = AudioConversion.toModel(in, FILE, rate, channels);
        assertTrue(s.source() == in);
        assertNull(s.applied());
    }
}
