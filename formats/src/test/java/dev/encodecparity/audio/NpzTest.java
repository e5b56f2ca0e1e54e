package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"savez.npz", "savez_compressed.npz"})
    void readsNumpySavezFiles(String name) throws IOException {
        JsonNode want = Fixtures.expected().get("npz").get(name);
        Map<String, NdArray> arrays = NpzReader.read(Fixtures.file(name));
        List<String> names = new ArrayList<>();
        want.get("names").forEach(n -> names.add(n.asText()));
        assertEquals(List.of("audio", "codes", "scale", "mask"), names);
        assertEquals(names, new ArrayList<>(arrays.keySet()), "in the order numpy wrote them");
        for (String n : names) {
            assertEquals(Fixtures.array(want.get("arrays").get(n)), arrays.get(n), name + " " + n);
        }
        assertEquals(DType.FLOAT32, arrays.get("scale").dtype());
        assertEquals(0, arrays.get("scale").rank());
        assertEquals(0.75f, arrays.get("scale").floatData()[0]);
        assertArrayEquals(new long[] {1, 2, 10}, arrays.get("codes").shape());
        assertEquals(37, arrays.get("codes").longData()[1]);
        try (ZipFile zip = new ZipFile(Fixtures.file(name).toFile())) {
            int method = name.contains("compressed") ? ZipEntry.DEFLATED : ZipEntry.STORED;
            zip.stream().forEach(e -> assertEquals(method, e.getMethod(), e.getName()));
        }
        assertThrows(UnsupportedOperationException.class, () -> arrays.remove("audio"));
    }

    @Test
    void roundTripsInOrderOfWriting() throws IOException {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        Random r = new Random(7);
        arrays.put("zeta", NpyWriterTest.random(DType.FLOAT32, new long[] {2, 50}, r));
        arrays.put("alpha", NpyWriterTest.random(DType.INT64, new long[] {1, 8, 3}, r));
        arrays.put("m", NpyWriterTest.random(DType.BOOL, new long[] {4}, r));
        arrays.put("s", NpyWriterTest.random(DType.FLOAT64, new long[] {}, r));
        arrays.put("i", NpyWriterTest.random(DType.INT32, new long[] {0, 3}, r));
        arrays.put("u", NpyWriterTest.random(DType.UINT8, new long[] {300}, r));
        Path f = tmp.resolve("out.npz");
        NpzWriter.write(f, arrays);
        Map<String, NdArray> back = NpzReader.read(f);
        assertEquals(List.of("zeta", "alpha", "m", "s", "i", "u"), new ArrayList<>(back.keySet()));
        assertEquals(arrays, back);
        try (ZipFile zip = new ZipFile(f.toFile())) {
            List<String> entries = new ArrayList<>();
            zip.stream().forEach(e -> {
                entries.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod(), "stored, as np.savez");
            });
            assertEquals(List.of("zeta.npy", "alpha.npy", "m.npy", "s.npy", "i.npy", "u.npy"), entries);
            // Each entry is exactly what numpy.save would write for that array.
            assertArrayEquals(NpyWriter.toBytes(arrays.get("alpha")),
                    zip.getInputStream(zip.getEntry("alpha.npy")).readAllBytes());
        }
    }

    @Test
    void theSameArraysGiveTheSameBytes() throws IOException {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("x", NdArray.float32(new float[] {1, 2, 3}, 3));
        Path a = tmp.resolve("a.npz");
        Path b = tmp.resolve("b.npz");
        NpzWriter.write(a, arrays);
        NpzWriter.write(b, arrays);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void anEmptyNpzHasNoArrays() throws IOException {
        Path f = tmp.resolve("empty.npz");
        NpzWriter.write(f, Map.of());
        assertEquals(Map.of(), NpzReader.read(f));
    }

    @Test
    void emptyNamesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> NpzWriter.write(tmp.resolve("x.npz"), Map.of("", NdArray.int64(new long[] {1}, 1))));
    }
}
