package dev.encodecparity.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.HeapTensor;
import dev.encodecparity.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsDtypesShapesBytesAndMetadata() throws IOException {
        HeapTensor f32 = HeapTensor.ofFloats(new long[] {2, 2}, 1f, -2f, 3.5f, 0f);
        HeapTensor i64 = new HeapTensor(DType.INT64, new long[] {1}, le(8).putLong(0, -7L));
        HeapTensor u8 = new HeapTensor(DType.UINT8, new long[] {3}, ByteBuffer.wrap(new byte[] {1, 2, (byte) 255}));
        HeapTensor bf16 = new HeapTensor(DType.BFLOAT16, new long[] {1}, le(2).putShort(0, (short) 0x3f80));
        Path file = tmp.resolve("x.safetensors");
        SafetensorsWriter.write(file, List.of(new SafetensorsWriter.Named("u8", u8),
                new SafetensorsWriter.Named("f32", f32), new SafetensorsWriter.Named("bf16", bf16),
                new SafetensorsWriter.Named("i64", i64)), Map.of("format", "pt"));
        byte[] raw = Files.readAllBytes(file);
        long headerLen = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLen) % 8, "data section starts 8-aligned");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            // Largest element size first, so every tensor starts aligned to its own size.
            assertEquals(List.of("i64", "f32", "bf16", "u8"), List.copyOf(f.tensors().keySet()));
            for (Map.Entry<String, HeapTensor> e : Map.of("f32", f32, "i64", i64, "u8", u8, "bf16", bf16).entrySet()) {
                Tensor t = f.tensors().get(e.getKey());
                assertEquals(e.getValue().dtype(), t.dtype());
                assertArrayEquals(e.getValue().shape(), t.shape());
                assertEquals(e.getValue().readBytes(), t.readBytes());
            }
        }
    }

    @Test
    void lateMetadataFillsTheReservedHeader() throws IOException {
        Path file = tmp.resolve("late.safetensors");
        SafetensorsWriter.write(file, List.of(new SafetensorsWriter.Named("a", HeapTensor.ofFloats(new long[] {1},
                5f))),
                Map.of("hash", "0".repeat(64)), () -> Map.of("hash", "f".repeat(64)));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals("f".repeat(64), f.metadata().get("hash"));
            assertEquals(le(4).putFloat(0, 5f), f.tensors().get("a").readBytes());
        }
    }

    @Test
    void damagedFilesAreRefused() throws IOException {
        refuse(header("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", 4),
                "do not fit shape [2] of F32 in a data section of 4 bytes");
        refuse(header("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 8),
                "tensor data covers 4 bytes but the data section has 8");
        refuse(header("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4),
                "do not fit shape");
        refuse(header("{\"a\": {\"dtype\": \"Q4\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4),
                "unsupported dtype 'Q4'");
        refuse(header("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
                + " \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4), "gap or overlap");
        refuse(header("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
                + " \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4), "not valid JSON");
        refuse(header("{\"a\": {\"dtype\": \"F32\", \"shape\": [4611686018427387904, 4], \"data_offsets\": [0, 4]}}",
                4),
                "do not fit shape");
        refuse(header("[]", 0), "not a JSON object");
        Path absurd = tmp.resolve("absurd.safetensors");
        Files.write(absurd, le(16).putLong(0, Long.MAX_VALUE).array());
        refuse(absurd, "header length 9223372036854775807 is impossible");
        refuse(Files.write(tmp.resolve("short.safetensors"), new byte[3]), "too short");
    }

    private void refuse(Path file, String reason) {
        BadInputException e = assertThrows(BadInputException.class, () -> SafetensorsFile.open(file).close());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private Path header(String json, int dataBytes) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = le(8 + h.length + dataBytes).putLong(h.length).put(h);
        return Files.write(Files.createTempFile(tmp, "t", ".safetensors"), b.array());
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
