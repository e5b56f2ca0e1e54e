package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WavReaderTest {
    @TempDir
    Path tmp;

    static List<String> wavFixtures() {
        return Fixtures.names("wav");
    }

    @ParameterizedTest
    @MethodSource("wavFixtures")
    void readsEachFixtureToTheExpectedSamples(String name) {
        JsonNode want = Fixtures.expected().get("wav").get(name);
        Audio audio = WavReader.read(Fixtures.file(name));
        assertEquals(OptionalInt.of(want.get("sample_rate").intValue()), audio.sampleRate());
        assertEquals(want.get("channels").intValue(), audio.channels());
        assertEquals(want.get("frames").intValue(), audio.frames());
        float[][] samples = Fixtures.samples(want.get("samples"));
        for (int c = 0; c < samples.length; c++) {
            // assertArrayEquals on float[] compares bits: -0.0 is not 0.0, and the values must be exact.
            assertArrayEquals(samples[c], audio.channel(c), name + " channel " + c);
        }
    }

    @Test
    void integerExtremesScaleExactly() {
        Audio pcm16 = WavReader.read(Fixtures.file("pcm16_stereo.wav"));
        assertEquals(-1.0f, pcm16.channel(0)[0]);
        assertEquals(32767 / 32768f, pcm16.channel(1)[0]);
        Audio pcm24 = WavReader.read(Fixtures.file("pcm24_stereo.wav"));
        assertEquals(-1.0f, pcm24.channel(0)[0]);
        assertEquals(8388607 / 8388608f, pcm24.channel(1)[0]);
        Audio pcm8 = WavReader.read(Fixtures.file("pcm8_mono.wav"));
        assertArrayEquals(new float[] {-1f, -127 / 128f, -1 / 128f, 0f, 1 / 128f, 126 / 128f, 127 / 128f},
                pcm8.channel(0));
        Audio pcm32 = WavReader.read(Fixtures.file("pcm32_mono.wav"));
        assertEquals(-1.0f, pcm32.channel(0)[0]);
        assertEquals(1.0f, pcm32.channel(0)[1], "2^31-1 rounds to 2^31 in float32, as in numpy");
    }

    @Test
    void dataBeforeFmtIsRead() throws IOException {
        Path f = write("late_fmt.wav", WavBytes.riff(
                WavBytes.chunk("data", WavBytes.shorts(16384, -16384)),
                WavBytes.fmt(1, 1, 8000, 16)));
        Audio a = WavReader.read(f);
        assertArrayEquals(new float[] {0.5f, -0.5f}, a.channel(0));
        assertEquals(OptionalInt.of(8000), a.sampleRate());
    }

    @Test
    void streamingDataSizeMeansToTheEndOfTheFile() throws IOException {
        // 0xFFFFFFFF as data size (what a writer to a pipe leaves), and a partial last frame, which is dropped.
        byte[] data = WavBytes.shorts(100, 200, 300, 400, 500);
        byte[] wav = WavBytes.riffWithSize(0xFFFFFFFFL, WavBytes.fmt(1, 2, 16000, 16),
                WavBytes.chunk("data", 0xFFFFFFFFL, data));
        Audio a = WavReader.read(write("stream.wav", wav));
        assertEquals(2, a.frames());
        assertArrayEquals(new float[] {100 / 32768f, 300 / 32768f}, a.channel(0));
        assertArrayEquals(new float[] {200 / 32768f, 400 / 32768f}, a.channel(1));
    }

    @Test
    void zeroDataSizeInAStreamedFileMeansToTheEnd() throws IOException {
        byte[] wav = WavBytes.riffWithSize(0, WavBytes.fmt(1, 1, 16000, 16),
                WavBytes.chunk("data", 0, WavBytes.shorts(8192, -8192, 0)));
        assertArrayEquals(new float[] {0.25f, -0.25f, 0f}, WavReader.read(write("zero.wav", wav)).channel(0));
    }

    @Test
    void emptyDataChunkIsZeroFrames() throws IOException {
        Audio a = WavReader.read(write("empty.wav", WavBytes.riff(WavBytes.fmt(3, 2, 24000, 32),
                WavBytes.chunk("data", new byte[0]))));
        assertEquals(2, a.channels());
        assertEquals(0, a.frames());
    }

    @Test
    void trailingBytesAfterTheDataAreIgnored() throws IOException {
        byte[] wav = WavBytes.riff(WavBytes.fmt(1, 1, 8000, 16), WavBytes.chunk("data", WavBytes.shorts(1, 2)));
        byte[] withJunk = Arrays.copyOf(wav, wav.length + 5);
        assertArrayEquals(new float[] {1 / 32768f, 2 / 32768f}, WavReader.read(write("junk.wav", withJunk)).channel(0));
    }

    @Test
    void uppercaseExtensionIsStillAudio() throws IOException {
        Path f = tmp.resolve("LOUD.WAV");
        Files.copy(Fixtures.file("pcm16_stereo.wav"), f);
        assertEquals(WavReader.read(Fixtures.file("pcm16_stereo.wav")), AudioFiles.read(f));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        return f;
    }
}
