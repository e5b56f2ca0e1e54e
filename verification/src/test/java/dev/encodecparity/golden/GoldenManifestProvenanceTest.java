package dev.encodecparity.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.provenance.OutputProvenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A golden manifest holds a recording's provenance in its own spelling, and gives it back. */
class GoldenManifestProvenanceTest {
    @Test
    void manifestFieldsComeFromTheProvenanceAndReadBackToIt() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("model.safetensors", "ab".repeat(32));
        files.put("config.json", "cd".repeat(32));
        OutputProvenance.Engine engine = new OutputProvenance.Engine("cpu", "2.7.1", "0.36.0", 1, "AMD EPYC");
        OutputProvenance p = new OutputProvenance("encodec-parity 9.9", "2026-01-02T03:04:05Z",
                OutputProvenance.Source.of("transformers folder m (config.json)", null, null), engine, files,
                Map.of());
        GoldenManifest m = GoldenManifest.of(p, GoldenRecorder.DEFAULT_TOLERANCES, List.of());

        JsonNode json = Json.MAPPER.valueToTree(m);
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("format", "tool", "date", "engine", "model", "tolerances", "entries"), keys);
        assertEquals("encodec-parity goldens 1", json.get("format").asText());
        assertEquals("2026-01-02T03:04:05Z", json.get("date").asText());
        assertEquals("transformers folder m (config.json)", json.get("model").get("source").asText());
        assertEquals("cd".repeat(32), json.get("model").get("files").get("config.json").asText());
        assertEquals(1, json.get("engine").get("threads").asInt());

        OutputProvenance back = m.provenance();
        assertEquals("encodec-parity 9.9", back.tool());
        assertEquals("2026-01-02T03:04:05Z", back.date());
        assertEquals(engine, back.engine());
        assertEquals(files, back.inputs());
        assertEquals("transformers folder m (config.json)", back.source().description());
    }
}
