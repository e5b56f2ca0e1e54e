package dev.encodecparity.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A converted folder names a custom {@code --config} by its file name and SHA-256, never by the path it had on the
 * converting machine: the folder is published, the path is the converter's private business and says nothing about
 * the model.
 */
class ConvertProvenanceTest {
    /** {@code sha256sum testdata/configs/tiny_48khz.json}. */
    private static final String TINY_48_SHA256 = "d42adaea3f489cd03adc1b2e1481950388c9ceda7d20c65f57a6f2dac46ce80d";

    @TempDir
    Path tmp;

    @Test
    void aConfigFileIsNamedByItsFileNameAndHash() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home-of-someone/private"));
        Path config = Files.copy(TestData.path("configs/tiny_48khz.json"), home.resolve("tiny_48khz.json"));
        Path out = tmp.resolve("out");
        Converter.Result r = Converter.toTransformers(TestData.path("checkpoints/tiny_48khz.th"), null,
                config.toAbsolutePath(), out, false);
        String want = "config tiny_48khz.json, sha256 " + TINY_48_SHA256;
        assertEquals(want, r.settingsFrom());
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve(TransformersFolder.WEIGHTS))) {
            Map<String, String> metadata = f.metadata();
            assertEquals(want, metadata.get(Provenance.SETTINGS));
            metadata.forEach((k, v) -> assertFalse(v.contains("home-of-someone") || v.contains(tmp.toString()),
                    k + " names a local path: " + v));
        }
    }
}
