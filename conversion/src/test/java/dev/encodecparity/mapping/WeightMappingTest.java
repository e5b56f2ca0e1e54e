package dev.encodecparity.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.config.Presets;
import dev.encodecparity.spec.Architecture;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.testing.ShapeOnlyTensor;
import dev.encodecparity.testing.TestData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightMappingTest {
    private static final Path FILE = Path.of("model.th");

    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz", "encodec_32khz", "encodec_48khz"})
    void rulesRenameEveryOriginalKeyToTheSpecName(String preset) {
        Map<String, Tensor> source = new LinkedHashMap<>();
        Map<String, String> want = new LinkedHashMap<>();
        for (String[] r : TestData.tsv(preset + "_hf.tsv")) {
            source.put(r[0], new ShapeOnlyTensor(shape(r[3])));
            want.put(r[0], r[1]);
        }
        Architecture a = Presets.get(preset).architecture();
        List<WeightMapping.Assignment> forward = WeightMapping.toTransformers(source, a, FILE, preset);
        assertEquals(source.size(), forward.size());
        for (WeightMapping.Assignment x : forward) {
            assertEquals(want.get(x.source()), x.target());
        }
        // And back, from both spellings of weight norm.
        for (int column : new int[] {1, 2}) {
            Map<String, Tensor> hf = new LinkedHashMap<>();
            for (String[] r : TestData.tsv(preset + "_hf.tsv")) {
                hf.put(r[column], new ShapeOnlyTensor(shape(r[3])));
            }
            List<WeightMapping.Assignment> back = WeightMapping.toOriginal(hf, a, Presets.get(preset).family(), FILE,
                    preset);
            assertEquals(List.copyOf(source.keySet()), back.stream().map(WeightMapping.Assignment::target).toList());
        }
    }

    @Test
    void the48kHzModelKeepsEveryGroupNorm() {
        // The old script mapped 48 kHz with the 24 kHz table and dropped all 72 GroupNorm tensors with a warning.
        Map<String, Tensor> source = new LinkedHashMap<>();
        for (String[] r : TestData.tsv("encodec_48khz_hf.tsv")) {
            source.put(r[0], new ShapeOnlyTensor(shape(r[3])));
        }
        List<WeightMapping.Assignment> out =
                WeightMapping.toTransformers(source, Presets.get("encodec_48khz").architecture(), FILE, "48k");
        assertEquals(72, out.stream().filter(x -> x.target().contains(".norm.")).count());
    }

    @Test
    void everyProblemIsListedNotJustTheFirst() {
        Map<String, Tensor> source = new LinkedHashMap<>();
        for (String[] r : TestData.tsv("encodec_24khz_hf.tsv")) {
            source.put(r[0], new ShapeOnlyTensor(shape(r[3])));
        }
        source.remove("encoder.model.0.conv.conv.bias");
        source.remove("quantizer.vq.layers.31._codebook.embed");
        source.put("encoder.model.99.extra.weight", new ShapeOnlyTensor(new long[] {3}));
        source.put("decoder.model.15.conv.conv.weight_v", new ShapeOnlyTensor(new long[] {1, 32, 5}));
        BadInputException e = assertThrows(BadInputException.class, () ->
                WeightMapping.toTransformers(source, Presets.get("encodec_24khz").architecture(), FILE, "24k"));
        String m = e.fullText();
        assertTrue(m.contains("4 problems (1 unused, 2 missing, 1 mis-shaped)"), m);
        assertTrue(m.contains("missing tensor: encoder.layers.0.conv.bias [32]"), m);
        assertTrue(m.contains("missing tensor: quantizer.layers.31.codebook.embed [1024, 128]"), m);
        assertTrue(m.contains("unused source tensor: encoder.model.99.extra.weight (no renaming rule matches it)"), m);
        assertTrue(m.contains("wrong shape: decoder.model.15.conv.conv.weight_v is [1, 32, 5], "
                + "decoder.layers.15.conv.weight_v must be [1, 32, 7]"), m);
        assertTrue(m.startsWith("model.th: "), m);
    }

    @Test
    void aTensorOfAnotherVariantIsUnused() {
        Map<String, Tensor> source = new LinkedHashMap<>();
        for (String[] r : TestData.tsv("encodec_48khz_hf.tsv")) {
            source.put(r[0], new ShapeOnlyTensor(shape(r[3])));
        }
        BadInputException e = assertThrows(BadInputException.class, () ->
                WeightMapping.toTransformers(source, Presets.get("encodec_24khz").architecture(), FILE, "24k"));
        assertTrue(e.fullText().contains("unused source tensor: encoder.model.0.conv.norm.weight (becomes "
                + "encoder.layers.0.norm.weight, which this model does not have)"), e.fullText());
    }

    static long[] shape(String s) {
        String inner = s.substring(1, s.length() - 1).trim();
        if (inner.isEmpty()) {
            return new long[0];
        }
        String[] p = inner.split(",\\s*");
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Long.parseLong(p[i]);
        }
        return out;
    }
}
