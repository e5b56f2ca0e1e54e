package dev.encodecparity.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.Python;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The non-finite scan reads each dtype's own bit fields: the same 16 bits are NaN as float16 and finite as bfloat16.
 * Expected counts come from the IEEE 754 layouts written out by hand, and, for whole checkpoints, from torch.
 */
class NonFiniteTest {
    @TempDir
    static Path tmp;
    private static JsonNode torchCounts;

    @BeforeAll
    static void makeCheckpoints() throws IOException {
        Python.Result r = Python.script("make_non_finite.py", "--out", tmp);
        assertEquals(0, r.exitCode(), r.output());
        torchCounts = Json.MAPPER.readTree(r.lastLine());
    }

    private static Tensor halves(DType dtype, int... bits) {
        ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int h : bits) {
            b.putShort((short) h);
        }
        return new HeapTensor(dtype, new long[] {bits.length}, b.flip());
    }

    private static NonFinite.Count count(Tensor t) throws IOException {
        return NonFinite.count(t);
    }

    @Test
    void float16HasAFiveBitExponent() throws IOException {
        // +Inf, -Inf, quiet NaN, signalling NaN, negative NaN; then 65504 (largest), -65504, 1.0, -0, smallest
        // subnormal, and 0x7f80 (exponent all ones, mantissa 0x380: NaN as float16).
        Tensor t = halves(DType.FLOAT16, 0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe00, 0x7bff, 0xfbff, 0x3c00, 0x8000,
                0x0001, 0x7f80);
        assertEquals(new NonFinite.Count(4, 1, 1, 11), count(t));
    }

    @Test
    void bfloat16HasAnEightBitExponent() throws IOException {
        // +Inf, -Inf, quiet NaN, a NaN with the lowest mantissa bit; then the largest finite (0x7f7f), 1.0, the
        // smallest subnormal, and 0x7c00 and 0x7e00, which are infinity and NaN as float16 but finite here.
        Tensor t = halves(DType.BFLOAT16, 0x7f80, 0xff80, 0x7fc0, 0x7f81, 0x7f7f, 0x3f80, 0x0001, 0x7c00, 0x7e00);
        assertEquals(new NonFinite.Count(2, 1, 1, 9), count(t));
    }

    @Test
    void float32AndFloat64() throws IOException {
        Tensor f = HeapTensor.ofFloats(new long[] {7}, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE,
                Float.intBitsToFloat(0xffc00001));
        assertEquals(new NonFinite.Count(2, 1, 1, 7), count(f));
        ByteBuffer b = ByteBuffer.allocate(5 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 1e300, Double.MAX_VALUE, -0.0}) {
            b.putDouble(d);
        }
        // 1e300 overflows float32 but is finite in the file's own dtype.
        assertEquals(new NonFinite.Count(1, 0, 1, 5), count(new HeapTensor(DType.FLOAT64, new long[] {5}, b.flip())));
    }

    @Test
    void integerTensorsAreNeverNonFinite() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fc00000).putInt(0x7f800000);
        assertEquals(new NonFinite.Count(0, 0, 0, 2), count(new HeapTensor(DType.INT32, new long[] {2}, b.flip())));
    }

    @Test
    void aFileTensorLongerThanOneChunkIsScannedToItsLastValue() throws IOException {
        int n = 300_000; // 1.2 MB: many chunks of the 64 KiB scratch buffer; 262,144 starts one
        ByteBuffer b = ByteBuffer.allocate(8 + n * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(-1L); // bytes before the tensor (all ones: NaN if they were read)
        for (int i = 0; i < n; i++) {
            b.putFloat(i == n - 1 ? Float.NaN : i == 262_144 ? Float.POSITIVE_INFINITY : i * 0.5f);
        }
        Path file = tmp.resolve("long.bin");
        Files.write(file, b.array());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            assertEquals(new NonFinite.Count(1, 1, 0, n), count(new FileTensor(ch, 8, DType.FLOAT32, new long[] {n})));
        }
    }

    @Test
    void floatsInMemory() {
        assertEquals(new NonFinite.Count(0, 0, 0, 3), NonFinite.count(new float[] {1f, -Float.MAX_VALUE, 0f}));
        assertEquals(new NonFinite.Count(1, 2, 1, 5), NonFinite.count(new float[] {Float.NaN,
                Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 2f}));
    }

    @Test
    void everyFloatingTensorOfACheckpointCountsAsTorchCountsIt() throws IOException {
        for (Iterator<String> files = torchCounts.fieldNames(); files.hasNext();) {
            String file = files.next();
            JsonNode want = torchCounts.get(file);
            try (Checkpoint c = Checkpoint.open(tmp.resolve(file))) {
                Map<String, NonFinite.Count> expected = new LinkedHashMap<>();
                for (Iterator<String> names = want.fieldNames(); names.hasNext();) {
                    String name = names.next();
                    JsonNode v = want.get(name);
                    NonFinite.Count e = new NonFinite.Count(v.get(0).asLong(), v.get(1).asLong(), v.get(2).asLong(),
                            v.get(3).asLong());
                    expected.put(name, e);
                    assertEquals(e, NonFinite.count(c.stateDict().get(name)), file + " " + name);
                }
                // scan() lists exactly the tensors torch finds non-finite, in state-dict order; no integer tensor.
                List<NonFinite.Found> found = NonFinite.scan(c.stateDict());
                List<String> want2 = expected.entrySet().stream().filter(e -> e.getValue().any())
                        .map(Map.Entry::getKey).toList();
                assertEquals(want2, found.stream().map(NonFinite.Found::name).toList(), file);
            }
        }
    }

    @Test
    void descriptionsSayEachKindAndTheTotal() {
        assertEquals("1 NaN of 32 values", new NonFinite.Count(1, 0, 0, 32).describe());
        assertEquals("2 NaN, 1 +Inf, 3 -Inf of 9 values", new NonFinite.Count(2, 1, 3, 9).describe());
        NonFinite.Found f = new NonFinite.Found("a.bias", new NonFinite.Count(0, 0, 1, 4));
        assertEquals("a.bias: 1 -Inf of 4 values", f.detail());
        assertEquals("a.bias (1 -Inf of 4 values), a.bias (1 -Inf of 4 values) and 1 more",
                NonFinite.inlineList(List.of(f, f, f), 2));
    }
}
