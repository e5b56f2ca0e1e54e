package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioFilesTest {
    @TempDir
    Path tmp;

    private static final float[][] STEREO = {{0.5f, -0.25f, 1.5f}, {0f, -1f, 0.125f}};

    @Test
    void npyAudioHasNoSampleRate() throws IOException {
        Path f = tmp.resolve("a.npy");
        NpyWriter.write(f, NdArray.float32(new float[] {0.5f, -0.25f, 1.5f, 0f, -1f, 0.125f}, 2, 3));
        Audio a = AudioFiles.read(f);
        assertEquals(OptionalInt.empty(), a.sampleRate());
        assertEquals(2, a.channels());
        assertArrayEquals(STEREO[0], a.channel(0));
        assertArrayEquals(STEREO[1], a.channel(1));
    }

    @Test
    void oneDimensionalNpyIsMono() throws IOException {
        Path f = tmp.resolve("mono.npy");
        NpyWriter.write(f, NdArray.float32(new float[] {1f, 2f}, 2));
        Audio a = AudioFiles.read(f);
        assertEquals(1, a.channels());
        assertArrayEquals(new float[] {1f, 2f}, a.channel(0));
    }

    @Test
    void float64NpyIsRoundedToFloat32() throws IOException {
        Path f = tmp.resolve("f8.npy");
        NpyWriter.write(f, NdArray.float64(new double[] {0.1, 1.0 / 3}, 1, 2));
        assertArrayEquals(new float[] {0.1f, 1f / 3}, AudioFiles.read(f).channel(0));
    }

    @Test
    void writesByExtensionAndReadsBack() throws IOException {
        Audio audio = Audio.of(STEREO, 24000);
        Path wav = tmp.resolve("out.WAV");
        Path npy = tmp.resolve("out.npy");
        AudioFiles.write(wav, audio);
        AudioFiles.write(npy, audio);
        assertEquals(audio, AudioFiles.read(wav));
        assertEquals(Audio.withoutSampleRate(STEREO), AudioFiles.read(npy));
        NdArray raw = NpyReader.read(npy);
        assertEquals(DType.FLOAT32, raw.dtype());
        assertArrayEquals(new long[] {2, 3}, raw.shape(), "[channels, samples]");
    }

    @Test
    void monoIsWrittenAsTwoDimensionalNpy() throws IOException {
        Path npy = tmp.resolve("mono.npy");
        AudioFiles.write(npy, Audio.withoutSampleRate(new float[][] {{1f, 2f, 3f}}));
        assertArrayEquals(new long[] {1, 3}, NpyReader.read(npy).shape());
    }

    @Test
    void wavFixturesReadTheSameThroughAudioFiles() {
        Path f = Fixtures.file("extensible_pcm16_3ch.wav");
        assertEquals(WavReader.read(f), AudioFiles.read(f));
        assertEquals(OptionalInt.of(32000), AudioFiles.read(f).sampleRate());
    }

    @Test
    void audioToStringSaysWhatItIs() {
        assertEquals("Audio[2 channels x 3 frames, 24000 Hz]", Audio.of(STEREO, 24000).toString());
        assertTrue(Audio.withoutSampleRate(STEREO).toString().contains("no sample rate"));
    }
}
