package dev.encodecparity.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of transformers goldens (testdata/goldens/tiny_*, or target/fullsize/<preset> made at test time): the
 * manifest's entries, each a clip, a bandwidth, the codes file and (for some) the decoded audio.
 */
record Goldens(Path dir, Path checkpoint, Path config, List<Entry> entries) {
    record Entry(Path clip, double bandwidth, int codebooks, Path codes, Path audio) {
    }

    /**
     * @param base what the manifest's clip, checkpoint and config paths are relative to
     */
    static Goldens read(Path dir, Path base) {
        try {
            JsonNode m = Json.MAPPER.readTree(dir.resolve("manifest.json").toFile());
            List<Entry> entries = new ArrayList<>();
            for (JsonNode e : m.get("entries")) {
                entries.add(new Entry(resolve(dir, base, e.get("clip").asText()), e.get("bandwidth").asDouble(),
                        e.get("n_q").asInt(), dir.resolve(e.get("codes").asText()),
                        e.get("audio").isNull() ? null : dir.resolve(e.get("audio").asText())));
            }
            return new Goldens(dir, resolve(dir, base, m.get("checkpoint").asText()),
                    resolve(dir, base, m.get("config").asText()), entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resolve(Path dir, Path base, String p) {
        Path inDir = dir.resolve(p);
        return inDir.toFile().exists() ? inDir : base.resolve(p);
    }
}
