package dev.encodecparity.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.tensor.TensorValues;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader against files real torch wrote, with values torch itself reported (dtypes_and_views.expected.json). */
class CheckpointReaderTest {
    @Test
    void everyDtypeViewAndStrideReadsAsTorchWroteIt() throws IOException {
        JsonNode expected = Json.MAPPER.readTree(TestData.path("checkpoints/dtypes_and_views.expected.json").toFile());
        try (Checkpoint c = Checkpoint.open(TestData.path("checkpoints/dtypes_and_views.th"))) {
            assertEquals(expected.size() - 1, c.stateDict().size()); // all but "_notes"
            expected.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("_")) {
                    return;
                }
                Tensor t = c.stateDict().get(e.getKey());
                JsonNode want = e.getValue();
                assertEquals(want.get("dtype").asText(), t.dtype().torchName(), e.getKey());
                assertArrayEquals(Json.MAPPER.convertValue(want.get("shape"), long[].class), t.shape(), e.getKey());
                List<Double> values = new ArrayList<>();
                flatten(want.get("values"), values);
                double[] got = TensorValues.toDoubles(t);
                assertEquals(values.size(), got.length, e.getKey());
                for (int i = 0; i < got.length; i++) {
                    assertEquals(values.get(i), got[i], 0.0, e.getKey() + "[" + i + "]");
                }
            });
        }
    }

    @Test
    void viewsOfOneStorageShareItsBytes() {
        try (Checkpoint c = Checkpoint.open(TestData.path("checkpoints/dtypes_and_views.th"))) {
            float[] a = TensorValues.toFloats(c.stateDict().get("view_a"));
            float[] b = TensorValues.toFloats(c.stateDict().get("view_b"));
            // view_b starts 4 elements into the storage view_a starts at.
            assertEquals(a[4], b[0]);
            assertEquals(a[5], b[1]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny_24khz", "tiny_32khz", "tiny_48khz"})
    void everyContainerFormHoldsTheSameTensors(String model) throws IOException {
        Map<String, ByteBuffer> reference = bytes("checkpoints/" + model + ".th");
        for (String variant : List.of("_legacy", "_best_state", "_audiocraft")) {
            assertEquals(reference, bytes("checkpoints/" + model + variant + ".th"), model + variant);
        }
    }

    @Test
    void solverCheckpointsAndLegacyWrappersUnwrap() throws IOException {
        Map<String, ByteBuffer> reference = bytes("checkpoints/tiny_32khz.th");
        assertEquals(reference, bytes("checkpoints/tiny_32khz_solver.th"));
        assertEquals(reference, bytes("checkpoints/tiny_32khz_legacy_best_state.th"));
        assertEquals(bytes("checkpoints/tiny_24khz.th"), bytes("checkpoints/renamed_root.th"));
    }

    @Test
    void describesWhatItRead() {
        try (Checkpoint c = Checkpoint.open(TestData.path("checkpoints/tiny_32khz_audiocraft.th"))) {
            assertEquals("torch zip archive (root 'tiny_32khz_audiocraft'), audiocraft package (best_state + xp.cfg)",
                    c.description());
            assertTrue(c.xpConfig().orElseThrow() instanceof String);
        }
        try (Checkpoint c = Checkpoint.open(TestData.path("checkpoints/tiny_32khz_solver.th"))) {
            assertTrue(c.description().endsWith("audiocraft solver checkpoint (best_state.model)"), c.description());
            assertTrue(c.xpConfig().orElseThrow() instanceof Map<?, ?>);
        }
        try (Checkpoint c = Checkpoint.open(TestData.path("checkpoints/tiny_48khz_legacy.th"))) {
            assertEquals("legacy torch file (pre-1.6 format), plain state dict", c.description());
            assertTrue(c.xpConfig().isEmpty());
            assertEquals(DType.FLOAT32, c.stateDict().values().iterator().next().dtype());
        }
    }

    private static Map<String, ByteBuffer> bytes(String file) throws IOException {
        Map<String, ByteBuffer> out = new java.util.LinkedHashMap<>();
        try (Checkpoint c = Checkpoint.open(TestData.path(file))) {
            for (Map.Entry<String, Tensor> e : c.stateDict().entrySet()) {
                out.put(e.getKey() + " " + java.util.Arrays.toString(e.getValue().shape()), e.getValue().readBytes());
            }
        }
        // Order differs between families; the content may not.
        return new java.util.TreeMap<>(out);
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(x -> flatten(x, out));
        } else if (n.isBoolean()) {
            out.add(n.asBoolean() ? 1.0 : 0.0);
        } else {
            out.add(n.asDouble());
        }
    }
}
