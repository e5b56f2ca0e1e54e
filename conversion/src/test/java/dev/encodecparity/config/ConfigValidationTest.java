package dev.encodecparity.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule of a transformers config.json, one bad value at a time, each named in the message. */
class ConfigValidationTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("sampling_rate", "0", "sizes must be positive"),
                Arguments.of("codebook_size", "1", "sizes must be positive"),
                Arguments.of("num_lstm_layers", "0", "num_lstm_layers must be >= 1"),
                Arguments.of("upsampling_ratios", "[]", "upsampling_ratios must be a non-empty list"),
                Arguments.of("upsampling_ratios", "[4, 0]", "upsampling_ratios must be a non-empty list"),
                Arguments.of("upsampling_ratios", "[8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8]",
                        "upsampling_ratios multiply to more than 1048576 samples per frame"),
                Arguments.of("norm_type", "\"batch_norm\"", "norm_type 'batch_norm' must be weight_norm or"),
                Arguments.of("pad_mode", "\"circular\"", "pad_mode 'circular' is not supported"),
                Arguments.of("codebook_dim", "7", "codebook_dim 7 differs from hidden_size"),
                Arguments.of("target_bandwidths", "[1.5, -3]", "target_bandwidths must be a non-empty list"),
                Arguments.of("chunk_length_s", "1.0", "chunk_length_s and overlap must both be set"),
                Arguments.of("trim_right_ratio", "1.5", "trim_right_ratio must be in [0, 1]"),
                Arguments.of("model_type", "\"bark\"", "model_type"),
                Arguments.of("sampling_rate", "\"24000\"", "config field sampling_rate has the wrong type"),
                Arguments.of("upsampling_ratios", "[4, \"x\"]",
                        "config field upsampling_ratios[1] has the wrong type"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void eachRuleIsNamed(String field, String value, String expected) throws IOException {
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(TestData.path("configs/tiny_24khz.json").toFile());
        JsonNode v = Json.MAPPER.readTree(value);
        config.set(field, v);
        Path file = tmp.resolve("config.json");
        Files.writeString(file, Json.MAPPER.writeValueAsString(config));
        BadInputException e = assertThrows(BadInputException.class, () -> EncodecConfig.read(file).toSpec());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
