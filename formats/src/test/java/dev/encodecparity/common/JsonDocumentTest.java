package dev.encodecparity.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one shape of every JSON document: version and kind first, no NaN or Infinity, read back to the same values. */
class JsonDocumentTest {
    enum Mode { REFLECT, CONSTANT }

    record Row(String clip, double snrDb, double maxAbsError, double gain, Mode padMode, List<Double> series) {
    }

    private static String compact(ObjectNode o) throws Exception {
        return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
    }

    @Test
    void nonFiniteNumbersAreNullWithAReasonAndEnumsLowerCase() throws Exception {
        Row row = new Row("a.wav", Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY, Mode.REFLECT,
                List.of(1.0, Double.NaN));
        assertEquals("{\"schema_version\":1,\"kind\":\"test_row\",\"clip\":\"a.wav\",\"snr_db\":null,"
                + "\"max_abs_error\":null,\"gain\":null,\"pad_mode\":\"reflect\",\"series\":[1.0,null],"
                + "\"snr_db_reason\":\"infinite: identical, no error to measure\","
                + "\"max_abs_error_reason\":\"not a number: the two decodes differ in length\","
                + "\"gain_reason\":\"negative infinite\","
                + "\"series_reason\":\"holds values that are not finite, written as null\"}",
                compact(JsonDocument.of("test_row", row)));
    }

    @Test
    void aDocumentReadsBackToTheSameValues() {
        Row row = new Row("a.wav", Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY, Mode.CONSTANT,
                List.of(2.5));
        Row back = JsonDocument.read(JsonDocument.of("test_row", row), "test_row", Row.class, Path.of("r.json"));
        assertEquals(row, back);
        Row finite = new Row("b.wav", 31.5, 1e-7, 0.5, Mode.REFLECT, List.of());
        assertEquals(finite, JsonDocument.read(JsonDocument.of("test_row", finite), "test_row", Row.class,
                Path.of("r.json")));
    }

    @Test
    void anotherKindOrANewerSchemaIsRefusedByName() {
        ObjectNode doc = JsonDocument.of("verify_report", new Row("a", 1, 1, 1, Mode.REFLECT, List.of()));
        BadInputException kind = assertThrows(BadInputException.class,
                () -> JsonDocument.read(doc, "golden_check_report", Row.class, Path.of("r.json")));
        assertEquals("r.json: is a verify_report, not a golden_check_report", kind.getMessage());
        doc.put(JsonSchemas.KEY, 99);
        BadInputException newer = assertThrows(BadInputException.class,
                () -> JsonDocument.read(doc, "verify_report", Row.class, Path.of("r.json")));
        assertTrue(newer.getMessage().endsWith("has schema_version 99; this tool reads up to 1"), newer.getMessage());
    }

    @Test
    void aDocumentWrittenBeforeVersionsExistedIsReadAsItIs() {
        ObjectNode old = Json.MAPPER.createObjectNode().put("clip", "a").put("snr_db", 3.0).put("max_abs_error", 0.0)
                .put("gain", 1.0).put("pad_mode", "REFLECT");
        old.putArray("series");
        assertEquals(new Row("a", 3.0, 0.0, 1.0, Mode.REFLECT, List.of()),
                JsonDocument.read(old, "test_row", Row.class, Path.of("r.json")));
    }
}
