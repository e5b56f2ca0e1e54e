package dev.encodecparity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a user's JSON (a config.json, a safetensors header) can get wrong, said in plain words: where, and what JSON
 * allows instead. The JSON library's own messages name its Java features and types ({@code CoercionConfig},
 * {@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}, {@code java.util.ArrayList<java.lang.Integer>}) and are never
 * shown; trailing text, which it ignored, is refused.
 */
class JsonMessagesTest {
    /** Java and JSON-library words that must never reach a user. */
    static final Pattern JAVA_WORDS = Pattern.compile("(?i)coercion|feature|jackson|exception|java[.]|`|jsontoken"
            + "|token|streamread|deserializ|redacted|arraylist|hashmap|\\bint\\b|source:|\\[source");

    @TempDir
    Path tmp;

    static Stream<Arguments> configs() {
        return Stream.of(
                // syntax
                Arguments.of("{\"overlap\": NaN}", "not valid JSON: line 1, column 13: NaN is not a JSON number"
                        + " (JSON has no NaN or Infinity)"),
                Arguments.of("{\"overlap\": -Infinity}", "not valid JSON: line 1, column 13: -Infinity is not a JSON"
                        + " number (JSON has no NaN or Infinity)"),
                Arguments.of("{\"sampling_rate\": 24000} x", "not valid JSON: line 1, column 26: more text after the"
                        + " end of the JSON value: 'x'"),
                Arguments.of("{\"sampling_rate\": 24000}\n{}", "not valid JSON: line 2, column 1: more text after the"
                        + " end of the JSON value: '{'"),
                Arguments.of("{\"sampling_rate\": 1,\n \"sampling_rate\": 2}", "not valid JSON: line 2, column 2: the"
                        + " key \"sampling_rate\" appears twice in one object"),
                Arguments.of("{\"a\": 1, \"\\u0061\": 2}", "not valid JSON: line 1, column 10: the key \"a\" appears"
                        + " twice in one object"),
                Arguments.of("{// settings\n\"sampling_rate\": 1}", "not valid JSON: line 1, column 2: comments are not"
                        + " allowed in JSON"),
                Arguments.of("{\"a\": 1 /* x */}",
                        "not valid JSON: line 1, column 9: comments are not allowed in JSON"),
                Arguments.of("{'a': 1}", "not valid JSON: line 1, column 2: strings need double quotes, not single"
                        + " quotes"),
                Arguments.of("{a: 1}", "not valid JSON: line 1, column 2: expected a key in double quotes, found 'a'"),
                Arguments.of("{\"a\": 1,}", "not valid JSON: line 1, column 9: a comma before '}': JSON allows no"
                        + " comma after the last entry"),
                Arguments.of("{\"a\": [1, 2,]}", "not valid JSON: line 1, column 13: a comma before ']': JSON allows"
                        + " no comma after the last item"),
                Arguments.of("{\"a\" 1}", "not valid JSON: line 1, column 6: expected ':' after the key \"a\","
                        + " found '1'"),
                Arguments.of("{\"a\": 1 \"b\": 2}", "not valid JSON: line 1, column 9: expected ',' or '}' after a"
                        + " value in an object, found '\"'"),
                Arguments.of("{\"a\": [1 2]}", "not valid JSON: line 1, column 10: expected ',' or ']' after an item in"
                        + " a list, found '2'"),
                Arguments.of("{\"a\": [", "not valid JSON: line 1, column 8: the text ends inside a list (cut short?)"),
                Arguments.of("{\"a\": \"abc", "not valid JSON: line 1, column 11: the text ends inside a string (cut"
                        + " short?)"),
                Arguments.of("{\"a\"", "not valid JSON: line 1, column 5: the text ends inside an object (cut short?)"),
                Arguments.of("", "not valid JSON: line 1, column 1: there is no JSON value: the file is empty or only"
                        + " white space"),
                Arguments.of("{\"a\": 01}", "not valid JSON: line 1, column 7: '01' is not a valid JSON number (JSON"
                        + " numbers have no leading zeros)"),
                Arguments.of("{\"a\": 0x10}", "not valid JSON: line 1, column 7: '0x10' is not a valid JSON number"),
                Arguments.of("{\"a\": 1.}", "not valid JSON: line 1, column 7: '1.' is not a valid JSON number"),
                Arguments.of("{\"a\": .5}", "not valid JSON: line 1, column 7: expected a value (a string, a number, an"
                        + " object, a list, true, false or null), found '.5'"),
                Arguments.of("{\"a\": " + "1".repeat(1001) + "}", "not valid JSON: line 1, column 7: a number of more"
                        + " than 1000 characters"),
                Arguments.of("{\"normalize\": True}", "not valid JSON: line 1, column 15: 'True' is Python, not JSON"
                        + " (JSON writes true, false and null)"),
                Arguments.of("{\"a\": \"\\q\"}", "not valid JSON: line 1, column 9: \\q is not a valid escape in a"
                        + " string (a backslash itself is written \\\\)"),
                Arguments.of("{\"a\": \"x\ty\"}", "not valid JSON: line 1, column 9: a control character (code 9)"
                        + " inside a string; write it as \\u0009"),
                Arguments.of("{\"a\": \"x\ny\"}", "not valid JSON: line 1, column 9: a line break inside a string;"
                        + " write it as \\n"),
                Arguments.of("\ufeff{}", "not valid JSON: line 1, column 1: the file starts with a byte-order mark"
                        + " (BOM); JSON is UTF-8 without one"),
                Arguments.of("[".repeat(65) + "]".repeat(65), "not valid JSON: line 1, column 65: objects and lists"
                        + " nested more than 64 levels deep"),
                // field types
                Arguments.of("{\"sampling_rate\": \"24000\"}", "config field sampling_rate has the wrong type: expected"
                        + " an integer, got the string \"24000\""),
                Arguments.of("{\"sampling_rate\": 24000.5}", "config field sampling_rate has the wrong type: expected"
                        + " an integer, got 24000.5"),
                Arguments.of("{\"sampling_rate\": 24000.0}", "config field sampling_rate has the wrong type: expected"
                        + " an integer, got 24000.0"),
                Arguments.of("{\"sampling_rate\": null}", "config field sampling_rate has the wrong type: expected an"
                        + " integer, got null"),
                Arguments.of("{\"sampling_rate\": 99999999999}", "config field sampling_rate has the wrong type:"
                        + " expected an integer from -2147483648 to 2147483647, got 99999999999"),
                Arguments.of("{\"sampling_rate\": 1e400}", "config field sampling_rate has the wrong type: expected an"
                        + " integer, got a number too large to represent"),
                Arguments.of("{\"overlap\": 1e400}", "config field overlap has the wrong type: expected a number, got a"
                        + " number too large to represent"),
                Arguments.of("{\"chunk_length_s\": \"1\"}", "config field chunk_length_s has the wrong type: expected a"
                        + " number, got the string \"1\""),
                Arguments.of("{\"target_bandwidths\": 1.5}", "config field target_bandwidths has the wrong type:"
                        + " expected a list, got 1.5"),
                Arguments.of("{\"upsampling_ratios\": {\"a\": 1}}", "config field upsampling_ratios has the wrong type:"
                        + " expected a list, got an object"),
                Arguments.of("{\"upsampling_ratios\": [8, \"x\"]}", "config field upsampling_ratios[1] has the wrong"
                        + " type: expected an integer, got the string \"x\""),
                Arguments.of("{\"upsampling_ratios\": [1.5]}", "config field upsampling_ratios[0] has the wrong type:"
                        + " expected an integer, got 1.5"),
                Arguments.of("{\"norm_type\": 5}",
                        "config field norm_type has the wrong type: expected a string, got 5"),
                Arguments.of("{\"norm_type\": [\"weight_norm\"]}", "config field norm_type has the wrong type: expected"
                        + " a string, got a list"),
                Arguments.of("{\"pad_mode\": true}", "config field pad_mode has the wrong type: expected a string, got"
                        + " true"),
                Arguments.of("{\"normalize\": 1}", "config field normalize has the wrong type: expected true or false,"
                        + " got 1"),
                Arguments.of("{\"use_causal_conv\": \"true\"}", "config field use_causal_conv has the wrong type:"
                        + " expected true or false, got the string \"true\""),
                Arguments.of("{\"codebook_dim\": 1.5}", "config field codebook_dim has the wrong type: expected an"
                        + " integer, got 1.5"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("configs")
    void configJsonProblemsAreSaidInPlainWords(String json, String reason) throws IOException {
        Path file = Files.writeString(tmp.resolve("config.json"), json);
        BadInputException e = assertThrows(BadInputException.class, () -> EncodecConfig.read(file));
        assertEquals(file + ": " + reason, e.getMessage());
    }

    @Test
    void configBytesThatAreNotUtf8AreNamed() throws IOException {
        byte[] json = "{\"model_type\": \"enc__\"}".getBytes(StandardCharsets.US_ASCII);
        json[19] = (byte) 0xff;
        json[20] = (byte) 0xfe;
        Path file = Files.write(tmp.resolve("config.json"), json);
        assertEquals(file + ": not valid JSON: line 1, column 20: byte 0xff is not UTF-8 text; JSON is UTF-8",
                assertThrows(BadInputException.class, () -> EncodecConfig.read(file)).getMessage());
        Path utf16 = Files.write(tmp.resolve("utf16.json"), "{}".getBytes(StandardCharsets.UTF_16));
        assertEquals(utf16 + ": not valid JSON: line 1, column 1: the file is UTF-16 text (it starts with a byte-order"
                + " mark); JSON is UTF-8", assertThrows(BadInputException.class, () -> EncodecConfig.read(utf16))
                .getMessage());
    }

    @Test
    void safetensorsHeadersSayTheSame() throws IOException {
        Path trailing = header("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}} x");
        assertEquals(trailing + ": safetensors header is not valid JSON: line 1, column 63: more text after the end of"
                + " the JSON value: 'x'", refusal(trailing));
        Path nan = header("{\"a\": {\"dtype\": \"F32\", \"shape\": [NaN], \"data_offsets\": [0, 4]}}");
        assertEquals(nan + ": safetensors header is not valid JSON: line 1, column 34: NaN is not a JSON number (JSON"
                + " has no NaN or Infinity)", refusal(nan));
    }

    @Test
    void xpCfgYamlProblemsSayWhereWithoutJavaNames() {
        Path file = Path.of("package.th");
        assertEquals("package.th: xp.cfg is not valid YAML: line 1, column 14: expected ',' or ']', but got <stream"
                + " end>", assertThrows(BadInputException.class, () -> XpConfig.read("ratios: [8, 5", file))
                .getMessage());
        // Before: "Unexpected end of base64-encoded String: base64 variant 'MIME' ... This Base64Variant might have
        // been
        // incorrectly configured" and "got this instead: <org.yaml.snakeyaml.events.SequenceStartEvent(...)>".
        assertEquals("package.th: xp.cfg is not valid YAML: line 1, column 15: a value this reader cannot take (such as"
                + " a binary value, or a key that is not plain text)",
                assertThrows(BadInputException.class, () -> XpConfig.read("a: !!binary zz", file)).getMessage());
        assertEquals("package.th: xp.cfg is not valid YAML: line 1, column 4: a value this reader cannot take (such as"
                + " a binary value, or a key that is not plain text)",
                assertThrows(BadInputException.class, () -> XpConfig.read("? [a]\n: 1", file)).getMessage());
    }

    /**
     * Every way the fuzz inputs (the real configs among them) can be cut short or have one byte changed: whatever the
      * reader
     * says, it says without Java or JSON-library words.
     */
    @Test
    void noDamagedConfigOrHeaderGetsAJavaMessage() throws IOException {
        List<Path> seeds;
        try (Stream<Path> s = Files.list(TestData.repo().resolve(
                "conversion/src/test/resources/dev/encodecparity/config/ConfigFuzzTestInputs/encodecConfig"))) {
            seeds = s.sorted().toList();
        }
        Path file = tmp.resolve("config.json");
        int messages = 0;
        for (Path seed : seeds) {
            byte[] original = Files.readAllBytes(seed);
            for (int i = 0; i <= original.length; i++) {
                messages += plain(file, java.util.Arrays.copyOf(original, i));
                if (i < original.length) {
                    for (int flip : new int[] {0x01, 0x20, 0x80}) {
                        byte[] changed = original.clone();
                        changed[i] ^= (byte) flip;
                        messages += plain(file, changed);
                    }
                }
            }
        }
        assertFalse(messages == 0, "no damaged config was refused: the sweep read nothing");
    }

    /** 1 when the config was refused (in plain words), 0 when it was read. */
    private static int plain(Path file, byte[] bytes) {
        try {
            EncodecConfig.read(bytes, file).toSpec(); // what read(file) reads, without a file write per case
            return 0;
        } catch (BadInputException e) {
            // What the file itself holds is quoted; the words around it are the reader's.
            String ours = e.getMessage().replaceAll("'[^']*'|\"[^\"]*\"", "''");
            assertFalse(JAVA_WORDS.matcher(ours).find(), e.getMessage());
            return 1;
        }
    }

    private String refusal(Path file) {
        return assertThrows(BadInputException.class, () -> SafetensorsFile.open(file).close()).getMessage();
    }

    private Path header(String json) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return Files.write(tmp.resolve("model.safetensors"), b.array());
    }
}
