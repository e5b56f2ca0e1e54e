package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.tensor.DType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NpyReaderTest {
    @TempDir
    Path tmp;

    static List<String> npyFixtures() {
        return Fixtures.names("npy");
    }

    @ParameterizedTest
    @MethodSource("npyFixtures")
    void readsEachNumpyFileToTheExpectedArray(String name) {
        JsonNode want = Fixtures.expected().get("npy").get(name);
        NdArray read = NpyReader.read(Fixtures.file(name));
        NdArray expected = Fixtures.array(want);
        assertEquals(expected.dtype(), read.dtype(), name);
        assertArrayEquals(expected.shape(), read.shape(), name);
        assertEquals(expected, read, name); // contents, floats bit for bit
    }

    @Test
    void keepsFloat64UntilAskedForFloat32() {
        NdArray a = NpyReader.read(Fixtures.file("f8_4.npy"));
        assertEquals(DType.FLOAT64, a.dtype());
        assertEquals(0.1, a.doubleData()[0]);
        assertEquals(5e-324, a.doubleData()[2]);
        NdArray f = a.toFloat32();
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY, 0f, 1f / 3f}, f.floatData());
        NdArray f4 = NpyReader.read(Fixtures.file("f4_2x3.npy"));
        assertSame(f4, f4.toFloat32());
    }

    @Test
    void fortranOrderComesBackInCOrder() {
        NdArray a = NpyReader.read(Fixtures.file("f4_fortran_3x4.npy"));
        assertArrayEquals(new long[] {3, 4}, a.shape());
        float[] c = new float[12];
        for (int i = 0; i < 12; i++) {
            c[i] = i * 0.5f; // np.arange(12).reshape(3, 4) * 0.5, C order
        }
        assertArrayEquals(c, a.floatData());
        NdArray b = NpyReader.read(Fixtures.file("i8_fortran_2x3x4.npy"));
        assertEquals(-5, b.longData()[0]);
        assertEquals(1 * 12 + 2 * 4 + 3 - 5, b.longData()[23]);
        assertEquals(0 * 12 + 1 * 4 + 2 - 5, b.longData()[6]);
    }

    @Test
    void bigEndianValuesAreConverted() {
        assertArrayEquals(new float[] {1f, -2.5f, 1e-3f, 65504f}, NpyReader.read(Fixtures.file("f4_be_2x2.npy"))
                .floatData());
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 258}, NpyReader.read(
                Fixtures.file("i8_be_3.npy")).longData());
        assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 258}, NpyReader.read(
                Fixtures.file("i4_be_3.npy")).intData());
    }

    @Test
    void zeroDimensionalArraysHaveOneElement() {
        NdArray a = NpyReader.read(Fixtures.file("f8_scalar.npy"));
        assertEquals(0, a.rank());
        assertEquals(1, a.size());
        assertEquals(2.5, a.doubleData()[0]);
        assertEquals(-7L, NpyReader.read(Fixtures.file("i8_scalar.npy")).longData()[0]);
    }

    @Test
    void laterHeaderVersionsAreRead() {
        NdArray v2 = NpyReader.read(Fixtures.file("f4_v2_2x2.npy"));
        NdArray v3 = NpyReader.read(Fixtures.file("f4_v3_2x2.npy"));
        assertArrayEquals(new float[] {1, 2, 3, 4}, v2.floatData());
        assertEquals(v2, v3);
    }

    @Test
    void acceptsHeadersNumpyWouldReadThatNumpyDoesNotWrite() throws IOException {
        // Keys in another order, double quotes, no trailing comma, Python 2 long ints, a list-free tuple.
        String dict = "{\"shape\": (2L, 1), \"fortran_order\": False, \"descr\": \"<i4\"}";
        NdArray a = NpyReader.read(npy("odd_header.npy", dict, new byte[] {1, 0, 0, 0, (byte) 0xff, 0, 0, 0}));
        assertArrayEquals(new long[] {2, 1}, a.shape());
        assertArrayEquals(new int[] {1, 255}, a.intData());
    }

    @Test
    void boolBytesOtherThanOneAreTrueAsInNumpy() throws IOException {
        NdArray a = NpyReader.read(npy("bools.npy", "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                new byte[] {0, 2, (byte) 0xff}));
        assertArrayEquals(new boolean[] {false, true, true}, a.boolData());
    }

    /** A version 1.0 .npy with the given header dict (padded as numpy pads) and data. */
    private Path npy(String name, String dict, byte[] data) throws IOException {
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + h.length + data.length];
        System.arraycopy(NpyHeader.MAGIC, 0, out, 0, 6);
        out[6] = 1;
        out[8] = (byte) h.length;
        out[9] = (byte) (h.length >> 8);
        System.arraycopy(h, 0, out, 10, h.length);
        System.arraycopy(data, 0, out, 10 + h.length, data.length);
        Path f = tmp.resolve(name);
        Files.write(f, out);
        assertTrue(Files.size(f) > 64);
        return f;
    }
}
