package dev.encodecparity.common;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The project's JSON settings, in one place: snake_case names (like the Python files we read and write), duplicate
 * keys rejected, no silent coercion ("24000" is not an int, 0.5 is not an int), and sorted keys plus indentation on
 * output (reports, sidecars, manifests). The files transformers reads back, config.json and
 * preprocessor_config.json, are written by {@link PythonJson} instead, in Python's own spelling.
 *
 * <p>A user's JSON is read with {@link #parse} and {@link #bind}, which say what is wrong in plain words: the JSON
 * library's own messages name its Java types and features, and are never shown.
 */
public final class Json {
    public static final ObjectMapper MAPPER = build();

    private Json() {
    }

    /**
     * Parses a user's JSON text. A problem is bad input naming {@code file}: {@code <prefix>line 3, column 12: NaN is
     * not a JSON number (JSON has no NaN or Infinity)}; trailing text, comments and a key twice in one object
     * included.
     */
    public static JsonNode parse(byte[] bytes, Path file, String prefix) {
        String problem = JsonSyntax.problem(bytes);
        if (problem != null) {
            throw new BadInputException(file, prefix + problem);
        }
        try {
            return MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            // JsonSyntax accepted it, so this is a limit of the library's; say where, in our words.
            throw new BadInputException(file, prefix + at(e.getLocation()) + "the JSON library cannot read this"
                    + " value", e);
        }
    }

    /**
     * Binds a user's JSON tree to a record, after checking that every field has the JSON type it needs. A problem is
     * bad input naming {@code file}: {@code <prefix>entries[0].bandwidth has the wrong type: expected a number, got
     * the string "6.0"}.
     */
    public static <T> T bind(JsonNode node, Class<T> type, Path file, String prefix) {
        JsonTypes.Mismatch m = JsonTypes.check(node, type);
        if (m != null) {
            throw new BadInputException(file, prefix + m);
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new BadInputException(file, prefix + "a field has a value this tool cannot use", e);
        }
    }

    private static String at(JsonLocation where) {
        return where == null || where.getLineNr() < 1 ? ""
                : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
    }

    private static ObjectMapper build() {
        // Strings and names as long as the file: JsonSyntax bounds what matters (nesting, number length) first.
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build()).build();
        JsonMapper m = JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        for (CoercionInputShape scalar : new CoercionInputShape[] {CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail); // 5 is not "5"
        }
        return m;
    }
}
