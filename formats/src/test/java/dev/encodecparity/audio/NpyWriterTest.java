package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.Shapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NpyWriterTest {
    @TempDir
    Path tmp;

    /** The fixtures numpy.save wrote for little-endian C-order arrays: what our writer must reproduce byte for byte. */
    static List<String> numpySaveFixtures() {
        List<String> names = new ArrayList<>();
        for (String name : Fixtures.names("npy")) {
            JsonNode d = Fixtures.expected().get("npy").get(name);
            boolean littleEndian = !d.get("descr").asText().startsWith(">");
            boolean version1 = d.get("version").get(0).intValue() == 1;
            if (littleEndian && version1 && !d.get("fortran_order").booleanValue()) {
                names.add(name);
            }
        }
        assertTrue(names.size() >= 12, "too few fixtures: " + names);
        return names;
    }

    @ParameterizedTest
    @MethodSource("numpySaveFixtures")
    void writesTheSameBytesAsNumpySave(String name) throws IOException {
        NdArray array = Fixtures.array(Fixtures.expected().get("npy").get(name)); // from the JSON values, not the file
        byte[] numpy = Files.readAllBytes(Fixtures.file(name));
        assertArrayEquals(numpy, NpyWriter.toBytes(array), name);
        Path f = tmp.resolve(name);
        NpyWriter.write(f, array);
        assertArrayEquals(numpy, Files.readAllBytes(f), name);
    }

    static Stream<Arguments> dtypesAndShapes() {
        long[][] shapes = {{}, {0}, {1}, {7}, {2, 3}, {0, 5}, {5, 0}, {3, 1, 4}, {2, 2, 2, 2, 2}, {100000}};
        List<Arguments> out = new ArrayList<>();
        for (DType t : NdArray.TYPES) {
            for (long[] s : shapes) {
                out.add(Arguments.of(t, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("dtypesAndShapes")
    void roundTripsEveryTypeAndShape(DType dtype, long[] shape) throws IOException {
        NdArray array = random(dtype, shape, new Random(shape.length * 31L + dtype.ordinal()));
        Path f = tmp.resolve("a.npy");
        NpyWriter.write(f, array);
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(0, (bytes.length - (long) array.size() * dtype.size()) % 64, "data starts 64-aligned");
        NdArray back = NpyReader.read(f);
        assertEquals(array, back);
        assertEquals(dtype, back.dtype());
        assertArrayEquals(shape, back.shape());
        assertArrayEquals(bytes, NpyWriter.toBytes(back), "bit for bit, NaN payloads included");
    }

    @Test
    void aManyAxisShapeGetsAVersion2Header() throws IOException {
        // The header outgrows version 1.0's 2-byte length only with thousands of axes; numpy then writes 2.0.
        long[] shape = new long[25000];
        Arrays.fill(shape, 1);
        NdArray a = NdArray.int64(new long[] {42}, shape);
        byte[] bytes = NpyWriter.toBytes(a);
        assertEquals(2, bytes[6]);
        assertEquals(0, (bytes.length - 8) % 64);
        Path f = tmp.resolve("v2.npy");
        Files.write(f, bytes);
        assertEquals(a, NpyReader.read(f));
    }

    static NdArray random(DType dtype, long[] shape, Random r) {
        int n = (int) Shapes.javaArrayLength(shape);
        switch (dtype) {
            case FLOAT32: {
                float[] d = new float[n];
                for (int i = 0; i < n; i++) {
                    d[i] = Float.intBitsToFloat(r.nextInt()); // every bit pattern, NaN payloads included
                }
                return NdArray.float32(d, shape);
            }
            case FLOAT64: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = Double.longBitsToDouble(r.nextLong());
                }
                return NdArray.float64(d, shape);
            }
            case INT64: {
                long[] d = new long[n];
                for (int i = 0; i < n; i++) {
                    d[i] = r.nextLong();
                }
                return NdArray.int64(d, shape);
            }
            case INT32: {
                int[] d = new int[n];
                for (int i = 0; i < n; i++) {
                    d[i] = r.nextInt();
                }
                return NdArray.int32(d, shape);
            }
            case BOOL: {
                boolean[] d = new boolean[n];
                for (int i = 0; i < n; i++) {
                    d[i] = r.nextBoolean();
                }
                return NdArray.bool(d, shape);
            }
            case UINT8: {
                byte[] d = new byte[n];
                r.nextBytes(d);
                return NdArray.uint8(d, shape);
            }
            default:
                throw new AssertionError(dtype);
        }
    }
}
