package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AudioFiles#create} and {@link Pcm16WavWriter#create}: written in awkward blocks, a sink's file holds exactly
 * the bytes expected, built here from the format's layout (WAV) or by {@link NpyWriter}'s whole-array path (npy); a
 * wrong frame count, a sink closed unfinished or an existing path leave no file of the sink's behind.
 */
class AudioSinkTest {
    private static final int[] BLOCKS = {1, 7, 4096, Integer.MAX_VALUE};
    private static final int FRAMES = 5001;

    @TempDir
    Path tmp;

    /** Loud (beyond ±1, for the clamp), quiet and non-finite samples. */
    private static Audio audio(int channels) {
        Random r = new Random(channels);
        float[][] x = new float[channels][FRAMES];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < FRAMES; i++) {
                x[c][i] = (float) ((i % 3 == 0 ? 1.5 : 0.3) * (2 * r.nextDouble() - 1));
            }
        }
        x[0][1] = Float.NaN;
        x[0][2] = Float.NEGATIVE_INFINITY;
        x[channels - 1][3] = -0.0f;
        return Audio.of(x, 24000);
    }

    /** Writes the audio through the sink, {@code block} frames at a time, and returns the file's bytes. */
    private static byte[] writeInBlocks(AudioSink sink, Path file, Audio audio, int block) throws IOException {
        float[][] x = audio.samples();
        try (sink) {
            for (int at = 0; at < audio.frames(); at += block) {
                int n = Math.min(block, audio.frames() - at);
                float[][] part = new float[x.length][n + 2]; // at an offset of 2 in its arrays
                for (int c = 0; c < x.length; c++) {
                    System.arraycopy(x[c], at, part[c], 2, n);
                }
                sink.write(part, 2, n);
            }
            sink.finish();
        }
        return Files.readAllBytes(file);
    }

    /** A float32 WAV as the format lays it out: fmt (18 or 40 bytes, extensible above 2 channels), fact, data. */
    private static byte[] floatWav(Audio audio) {
        int channels = audio.channels();
        int rate = audio.sampleRate().getAsInt();
        ByteBuffer fmt = WavBytes.le(channels > 2 ? 40 : 18).putShort((short) (channels > 2 ? 0xFFFE : 3))
                .putShort((short) channels).putInt(rate).putInt(rate * 4 * channels).putShort((short) (4 * channels))
                .putShort((short) 32);
        if (channels > 2) {
            fmt.putShort((short) 22).putShort((short) 32).putInt(0).putInt(3).put(WavFormat.GUID_TAIL);
        } else {
            fmt.putShort((short) 0);
        }
        ByteBuffer data = WavBytes.le(4 * channels * audio.frames());
        for (int i = 0; i < audio.frames(); i++) {
            for (int c = 0; c < channels; c++) {
                data.putFloat(audio.channel(c)[i]);
            }
        }
        return WavBytes.riff(WavBytes.chunk("fmt ", fmt.array()),
                WavBytes.chunk("fact", WavBytes.le(4).putInt(audio.frames()).array()),
                WavBytes.chunk("data", data.array()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void floatWavBytesAreTheFormatsAndTheWholeFileWritersBytes(int channels) throws IOException {
        Audio audio = audio(channels);
        byte[] want = floatWav(audio);
        Path whole = tmp.resolve("whole.wav");
        WavWriter.write(whole, audio);
        assertArrayEquals(want, Files.readAllBytes(whole));
        for (int block : BLOCKS) {
            Path f = tmp.resolve(block + ".wav");
            byte[] got = writeInBlocks(AudioFiles.create(f, channels, 24000, FRAMES), f, audio, block);
            assertArrayEquals(want, got, channels + " channels in blocks of " + block);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void npyBytesAreTheWholeArrayWritersBytes(int channels) throws IOException {
        Audio audio = audio(channels);
        Path whole = tmp.resolve("whole.npy");
        NpyWriter.write(whole, AudioFiles.toArray(audio, whole)); // the whole array: no sink involved
        byte[] want = Files.readAllBytes(whole);
        for (int block : BLOCKS) {
            Path f = tmp.resolve(block + ".npy");
            byte[] got = writeInBlocks(AudioFiles.create(f, channels, 24000, FRAMES), f, audio, block);
            assertArrayEquals(want, got, channels + " channels in blocks of " + block);
        }
        Path viaWrite = tmp.resolve("write.npy");
        AudioFiles.write(viaWrite, audio);
        assertArrayEquals(want, Files.readAllBytes(viaWrite));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void pcm16BytesAreClampedAsSaveAudioClamps(int channels) throws IOException {
        Audio audio = audio(channels);
        // the 44-byte PCM header, then each sample clamped to ±0.99 and converted as sox converts (checked against
        // sox itself in Pcm16WavWriterTest)
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            for (int c = 0; c < channels; c++) {
                float v = audio.channel(c)[i];
                data.writeBytes(WavBytes.shorts(Pcm16WavWriter.toPcm16(Math.max(-0.99f, Math.min(0.99f, v)))));
            }
        }
        byte[] want = WavBytes.riff(WavBytes.fmt(1, channels, 24000, 16), WavBytes.chunk("data", data.toByteArray()));
        Path whole = tmp.resolve("whole.wav");
        Pcm16WavWriter.write(whole, audio, false);
        assertArrayEquals(want, Files.readAllBytes(whole));
        for (int block : BLOCKS) {
            Path f = tmp.resolve(block + ".wav");
            byte[] got = writeInBlocks(Pcm16WavWriter.create(f, channels, 24000, FRAMES), f, audio, block);
            assertArrayEquals(want, got, channels + " channels in blocks of " + block);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.wav", "out.npy", "pcm16"})
    void aWrongFrameCountFailsAndLeavesNoFile(String kind) throws IOException {
        Path f = tmp.resolve(kind.equals("pcm16") ? "pcm16.wav" : kind);
        AudioSink few = create(kind, f, 2, 10);
        few.write(new float[2][9], 0, 9);
        assertThrows(IllegalStateException.class, few::finish);
        assertEquals(List.of(), listing());
        few.close();

        AudioSink many = create(kind, f, 2, 10);
        many.write(new float[2][9], 0, 9);
        assertThrows(IllegalStateException.class, () -> many.write(new float[2][2], 0, 2));
        assertEquals(List.of(), listing());
        assertThrows(IllegalStateException.class, many::finish);

        AudioSink unfinished = create(kind, f, 2, 10);
        unfinished.write(new float[2][10], 0, 10);
        unfinished.close();
        assertEquals(List.of(), listing());
        assertThrows(IllegalStateException.class, () -> unfinished.write(new float[2][1], 0, 1));
        assertThrows(IllegalStateException.class, unfinished::finish);
        unfinished.close(); // idempotent

        AudioSink finished = create(kind, f, 2, 10);
        finished.write(new float[2][10], 0, 10);
        finished.finish();
        finished.close(); // a finished file stays
        assertEquals(List.of(f.getFileName().toString()), listing());
        assertThrows(IllegalStateException.class, () -> finished.write(new float[2][1], 0, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.wav", "out.npy", "pcm16"})
    void anExistingPathIsNeverReplaced(String kind) throws IOException {
        Path f = tmp.resolve(kind.equals("pcm16") ? "pcm16.wav" : kind);
        Files.writeString(f, "old content");
        assertThrows(FileAlreadyExistsException.class, () -> create(kind, f, 1, 10));
        assertEquals("old content", Files.readString(f));
        Path dir = Files.createDirectory(tmp.resolve("dir_" + f.getFileName()));
        assertThrows(IOException.class, () -> create(kind, dir, 1, 10));
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void refusalsComeBeforeTheFileIsCreatedWithTheWholeFileWritersMessages() throws IOException {
        Path flac = tmp.resolve("out.flac");
        BadInputTest.assertReason(Fixtures.assertBadInput(flac, () -> AudioFiles.create(flac, 1, 8000, 1)),
                "FLAC is read but not written");
        Path wav = tmp.resolve("long.wav");
        BadInputException e = assertThrows(BadInputException.class, () -> AudioFiles.create(wav, 2, 8000, 1L << 29));
        assertEquals(wav + ": audio of 536870912 frames x 2 channels is too long for a WAV file (4 GiB); write .npy"
                + " instead", e.getMessage());
        Path pcm16 = tmp.resolve("long16.wav");
        e = assertThrows(BadInputException.class, () -> Pcm16WavWriter.create(pcm16, 2, 8000, 1L << 30));
        assertEquals(pcm16 + ": audio of 1073741824 frames x 2 channels is too long for a 16-bit WAV file (4 GiB)",
                e.getMessage());
        Path npy = tmp.resolve("long.npy");
        e = assertThrows(BadInputException.class, () -> AudioFiles.create(npy, 2, 8000, 1L << 30));
        assertEquals(npy + ": audio of 2147483648 samples is too large for one array", e.getMessage());
        assertEquals(List.of(), listing());
    }

    private static AudioSink create(String kind, Path f, int channels, long frames) throws IOException {
        return kind.equals("pcm16") ? Pcm16WavWriter.create(f, channels, 24000, frames)
                : AudioFiles.create(f, channels, 24000, frames);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
