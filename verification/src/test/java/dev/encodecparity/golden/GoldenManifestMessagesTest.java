package dev.encodecparity.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A damaged golden manifest is described in plain words: which field has which wrong type, or where the JSON breaks.
 * Before, the JSON library's text reached the user ({@code Cannot coerce String value ("6.0") to `double` value (but
 * might if coercion using `CoercionConfig` was enabled)}, {@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}), and text
 * after the manifest was ignored.
 */
class GoldenManifestMessagesTest {
    private static final String ENTRY = "{\"clip\": \"clips/a.wav\", \"clip_sha256\": \"00\", \"bandwidth\": 6.0,"
            + " \"codebooks\": 8, \"codes\": \"a.codes.npz\", \"audio\": \"a.audio.npy\"}";
    private static final String MANIFEST = "{\"format\": \"" + GoldenManifest.FORMAT + "\", \"tool\": \"t\","
            + " \"date\": \"d\", \"engine\": {\"device\": \"cpu\", \"libtorch\": \"2\", \"djl\": \"0\", \"threads\": 2,"
            + " \"cpu\": \"x\"}, \"model\": {\"source\": \"s\", \"files\": {\"model.safetensors\": \"00\"}},"
            + " \"tolerances\": {\"atol\": 1e-5, \"rtol\": 0.0, \"tie_margin\": 1e-6, \"note\": \"n\"},"
            + " \"entries\": [" + ENTRY + "]}";

    @TempDir
    Path tmp;

    @Test
    void aWellFormedManifestReads() throws IOException {
        GoldenManifest m = GoldenManifest.read(write(MANIFEST));
        assertEquals(6.0, m.entries().get(0).bandwidth());
        assertEquals(1e-6, m.tolerances().tieMargin());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"bandwidth\": 6.0|\"bandwidth\": \"6.0\"|entries[0].bandwidth has the wrong type: expected a number, got"
            + " the string \"6.0\"",
        "\"codebooks\": 8|\"codebooks\": 8.5|entries[0].codebooks has the wrong type: expected an integer, got 8.5",
        "\"threads\": 2|\"threads\": null|engine.threads has the wrong type: expected an integer, got null",
        "\"atol\": 1e-5|\"atol\": [1e-5]|tolerances.atol has the wrong type: expected a number, got a list",
        "\"model.safetensors\": \"00\"|\"model.safetensors\": 0|model.files.model.safetensors has the wrong type:"
            + " expected a string, got 0",
        "\"entries\": [|\"entries\": {\"a\": [|entries has the wrong type: expected a list, got an object",
        "\"tie_margin\": 1e-6|\"tie_margin\": NaN|line 1, column 270: NaN is not a JSON number (JSON has no NaN or"
            + " Infinity)",
        "\"tool\": \"t\"|\"tool\": \"t\", \"tool\": \"u\"|line 1, column 53: the key \"tool\" appears twice in one"
            + " object"})
    void aDamagedFieldIsNamedWithWhatItMustBe(String from, String to, String reason) throws IOException {
        String json = MANIFEST.replace(from, to);
        if (to.endsWith("[")) {
            json = json.replace("]}", "]}}");
        }
        Path dir = write(json);
        BadInputException e = assertThrows(BadInputException.class, () -> GoldenManifest.read(dir));
        assertEquals(dir.resolve("manifest.json") + ": not a valid golden manifest: " + reason, e.getMessage());
    }

    @Test
    void textAfterTheManifestIsRefused() throws IOException {
        Path dir = write(MANIFEST + "\n{}");
        assertEquals(dir.resolve("manifest.json") + ": not a valid golden manifest: line 2, column 1: more text after"
                + " the end of the JSON value: '{'",
                assertThrows(BadInputException.class, () -> GoldenManifest.read(dir)).getMessage());
    }

    private Path write(String manifest) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("goldens"));
        Files.writeString(dir.resolve(GoldenManifest.FILE), manifest);
        return dir;
    }
}
