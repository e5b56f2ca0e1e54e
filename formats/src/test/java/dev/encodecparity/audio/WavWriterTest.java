package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WavWriterTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6})
    void roundTripsFloat32Exactly(int channels) throws IOException {
        float[][] samples = new float[channels][1000];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < 1000; i++) {
                samples[c][i] = (float) Math.sin(0.01 * i * (c + 1)) * (c + 1) * 0.7f; // beyond [-1, 1] too
            }
        }
        samples[0][1] = Float.NaN;
        samples[0][2] = Float.NEGATIVE_INFINITY;
        samples[0][3] = -0.0f;
        samples[0][4] = Float.MIN_VALUE;
        Audio audio = Audio.of(samples, 24000);
        Path f = tmp.resolve("out.wav");
        WavWriter.write(f, audio);
        Audio back = WavReader.read(f);
        assertEquals(audio, back);
        assertEquals(OptionalInt.of(24000), back.sampleRate());
        assertArrayEquals(samples[channels - 1], back.channel(channels - 1));
    }

    @Test
    void writesPlainIeeeFloatForStereo() throws IOException {
        Path f = tmp.resolve("stereo.wav");
        WavWriter.write(f, Audio.of(new float[][] {{0.5f, -1f}, {0.25f, 1f}}, 48000));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(12 + 8 + 18 + 12 + 8 + 16, b.limit());
        assertEquals("RIFF", ascii(b, 0));
        assertEquals(b.limit() - 8, b.getInt(4));
        assertEquals("WAVE", ascii(b, 8));
        assertEquals("fmt ", ascii(b, 12));
        assertEquals(18, b.getInt(16));
        assertEquals(3, b.getShort(20)); // IEEE float
        assertEquals(2, b.getShort(22));
        assertEquals(48000, b.getInt(24));
        assertEquals(48000 * 8, b.getInt(28));
        assertEquals(8, b.getShort(32));
        assertEquals(32, b.getShort(34));
        assertEquals("fact", ascii(b, 38));
        assertEquals(2, b.getInt(46));
        assertEquals("data", ascii(b, 50));
        assertEquals(16, b.getInt(54));
        assertEquals(0.5f, b.getFloat(58)); // interleaved: L0 R0 L1 R1
        assertEquals(0.25f, b.getFloat(62));
        assertEquals(-1f, b.getFloat(66));
    }

    @Test
    void writesExtensibleAboveTwoChannels() throws IOException {
        Path f = tmp.resolve("three.wav");
        WavWriter.write(f, Audio.of(new float[][] {{1f}, {2f}, {3f}}, 16000));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(40, b.getInt(16));
        assertEquals((short) 0xFFFE, b.getShort(20));
        assertEquals(22, b.getShort(36)); // cbSize
        assertEquals(32, b.getShort(38)); // valid bits
        assertEquals(3, b.getInt(44)); // sub-format: IEEE float
        assertEquals(0x71, b.get(59) & 0xFF); // last byte of the KSDATAFORMAT GUID
        assertArrayEquals(new float[] {3f}, WavReader.read(f).channel(2));
    }

    @Test
    void neverReplacesAnExistingFile() throws IOException {
        // replacing an output is Destination's job (checked, staged, renamed); the writers only ever create files
        Path f = tmp.resolve("a.wav");
        Files.writeString(f, "old content");
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> WavWriter.write(f, Audio.of(new float[][] {{0.125f}}, 8000)));
        assertEquals("old content", Files.readString(f));
        assertEquals(List.of("a.wav"), listing());
    }

    @Test
    void aFailedWriteLeavesNoPartialFile() throws IOException {
        Path g = tmp.resolve("new.wav");
        IOException e = assertThrows(IOException.class, () -> FileOutput.write(g, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertFalse(Files.exists(g));
        assertEquals(List.of(), listing());
    }

    @Test
    void audioWithoutSampleRateIsRefusedBeforeWriting() {
        Path f = tmp.resolve("norate.wav");
        BadInputException e = assertThrows(BadInputException.class,
                () -> WavWriter.write(f, Audio.withoutSampleRate(new float[][] {{1f}})));
        assertEquals(f, e.file());
        assertTrue(e.reason().contains("sample rate"), e.reason());
        assertFalse(Files.exists(f));
    }

    @Test
    void aTargetThatIsAFolderIsLeftAlone() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("x.wav"));
        assertThrows(IOException.class, () -> WavWriter.write(dir, Audio.of(new float[][] {{1f}}, 8000)));
        assertTrue(Files.isDirectory(dir));
        assertEquals(List.of("x.wav"), listing());
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] four = new byte[4];
        b.get(at, four);
        return new String(four, StandardCharsets.US_ASCII);
    }
}
