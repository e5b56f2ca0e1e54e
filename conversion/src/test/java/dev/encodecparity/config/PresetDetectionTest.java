package dev.encodecparity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.testing.ShapeOnlyTensor;
import dev.encodecparity.testing.TestData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Detection takes the one preset whose tensors a state dict has exactly, and counts the differences otherwise. */
class PresetDetectionTest {
    private static final Path FILE = Path.of("model.th");

    /** The spec's key list of a preset (made by instantiating the real modules), as shape-only tensors. */
    private static Map<String, Tensor> keysOf(String preset) {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        for (String[] r : TestData.tsv(preset + "_original.tsv")) {
            String inner = r[1].substring(1, r[1].length() - 1);
            sd.put(r[0], new ShapeOnlyTensor(Arrays.stream(inner.split(",\\s*")).mapToLong(Long::parseLong).toArray()));
        }
        return sd;
    }

    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz", "encodec_32khz", "encodec_48khz"})
    void aPresetsOwnKeysAreRecognised(String preset) {
        assertEquals(preset, SettingsResolver.detect(FILE, keysOf(preset)).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz"})
    void aNearMissIsCountedNotGuessed(String preset) {
        Map<String, Tensor> sd = keysOf(preset);
        sd.remove("encoder.model.0.conv.conv.bias");
        sd.put("encoder.model.0.conv.conv.weight_v", new ShapeOnlyTensor(new long[] {32, 1, 5}));
        sd.put("encoder.model.99.extra", new ShapeOnlyTensor(new long[] {1}));
        BadInputException e = assertThrows(BadInputException.class, () -> SettingsResolver.detect(FILE, sd));
        assertTrue(e.reason().startsWith("the tensors match no preset ("), e.reason());
        assertTrue(e.reason().contains("encodec_24khz: 1 missing, 1 unexpected, 1 mis-shaped"), e.reason());
        assertTrue(e.reason().endsWith("); pass --model NAME to see the full list of differences, or --config"
                + " config.json for a custom model"), e.reason());
    }
}
