package dev.encodecparity.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Python's {@code json.dumps(v, indent=2, sort_keys=True)} and {@code repr(float)}, spelled out by hand from the
 * documented rules (the json module's separators and escapes, float repr's shortest round-trip digits and its switch
 * to exponent notation below 1e-4 and from 1e16).
 */
class PythonJsonTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @ParameterizedTest
    @CsvSource({
        // What configs hold: Python always writes a point or an exponent for a float, never Java's "E".
        "1.0, 1.0", "24.0, 24.0", "0.01, 0.01", "1.8, 1.8", "2.2, 2.2", "1.5, 1.5", "100.0, 100.0", "0.5, 0.5",
        "1e-5, 1e-05", "0.0001, 0.0001", "0.00012, 0.00012", "1.5e-7, 1.5e-07", "123456789.123, 123456789.123",
        // Fixed notation up to 1e16 exclusive, with ".0"; exponent with a sign and at least two digits from there.
        "1e15, 1000000000000000.0", "1e16, 1e+16", "1.25e17, 1.25e+17", "1e22, 1e+22", "1e100, 1e+100",
        "-2.5, -2.5", "-1e-5, -1e-05", "0.1, 0.1", "3.0e-320, 3e-320", "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        // 2^53 + 1 is not a double: it reads as 2^53.
        "9007199254740993, 9007199254740992.0",
        // Java 17's Double.toString gives 2.82879384806159008E17 and 1.9999999999999998E23 (JDK-4511638).
        "2.82879384806159e17, 2.82879384806159e+17", "2e23, 2e+23", "1e23, 1e+23"})
    void floatsAreSpelledAsPythonsRepr(double value, String python) {
        assertEquals(python, PythonJson.floatRepr(value));
    }

    @Test
    void floatsNeedingSeventeenDigitsKeepThemAll() {
        assertEquals("0.30000000000000004", PythonJson.floatRepr(0.1 + 0.2));
        // One ulp above 2.2: what a derived bandwidth nudged up by ConfigTranslation looks like.
        assertEquals("2.2000000000000006", PythonJson.floatRepr(Math.nextUp(2.2)));
        assertEquals("0.0", PythonJson.floatRepr(0.0));
        assertEquals("-0.0", PythonJson.floatRepr(-0.0));
        // A float widened to a double keeps the float's exact value, which needs more digits as a double.
        assertEquals("0.10000000149011612", PythonJson.dumps(F.numberNode(0.1f)));
    }

    @Test
    void nonFiniteNumbersAreRefusedAsWithAllowNanFalse() {
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> PythonJson.dumps(F.numberNode(d)));
        }
    }

    @Test
    void containersOneItemALineIndentedTwoSpaces() {
        ObjectNode o = F.objectNode();
        o.putArray("target_bandwidths").add(1.5).add(3.0);
        o.put("sampling_rate", 24000);
        o.putNull("overlap");
        o.put("normalize", false);
        o.put("pad_mode", "reflect");
        o.putArray("architectures").add("EncodecModel");
        ArrayNode nested = o.putArray("nested");
        nested.add(1).addArray().add(2).addObject();
        o.putObject("empty_object");
        o.putArray("empty_list");
        String want = """
                {
                  "architectures": [
                    "EncodecModel"
                  ],
                  "empty_list": [],
                  "empty_object": {},
                  "nested": [
                    1,
                    [
                      2,
                      {}
                    ]
                  ],
                  "normalize": false,
                  "overlap": null,
                  "pad_mode": "reflect",
                  "sampling_rate": 24000,
                  "target_bandwidths": [
                    1.5,
                    3.0
                  ]
                }""";
        assertEquals(want, PythonJson.dumps(o));
    }

    @Test
    void keysAreSortedAtEveryLevelByCodePoint() {
        ObjectNode o = F.objectNode();
        o.put("b", 1);
        o.put("B", 2);
        o.put("_x", 3);
        o.put("a_b", 4);
        o.put("ab", 5);
        o.put("\uD83D\uDE00", 6); // U+1F600: after U+FFFF by code point, before it by UTF-16 unit
        o.put("\uFFFF", 7);
        o.putObject("z").put("y", 1).put("x", 2);
        String want = "{\n  \"B\": 2,\n  \"_x\": 3,\n  \"a_b\": 4,\n  \"ab\": 5,\n  \"b\": 1,\n"
                + "  \"z\": {\n    \"x\": 2,\n    \"y\": 1\n  },\n  \"\\uffff\": 7,\n  \"\\ud83d\\ude00\": 6\n}";
        assertEquals(want, PythonJson.dumps(o));
        assertTrue("\uD83D\uDE00".compareTo("\uFFFF") < 0, "Java's own order would put U+1F600 first");
    }

    @Test
    void stringsAreEscapedAsWithEnsureAscii() {
        // Named escapes for " \ \b \f \n \r \t; other controls, DEL and non-ASCII as backslash, u and four
        // lower-case hex digits; past the BMP as a surrogate pair; "/" as it is.
        String s = "q\"b\\\b\f\n\r\t\u0001\u001f\u007f/~ \u00e9\u20ac\uD83D\uDE00";
        String want = "\"q\\\"b\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f/~ \\u00e9\\u20ac\\ud83d\\ude00\"";
        assertEquals(want, PythonJson.dumps(F.textNode(s)));
    }

    @Test
    void integersAsWrittenAndScalarsAtTheTop() {
        assertEquals("24000", PythonJson.dumps(F.numberNode(24000)));
        assertEquals("-7", PythonJson.dumps(F.numberNode(-7L)));
        assertEquals("123456789012345678901234567890",
                PythonJson.dumps(F.numberNode(new BigInteger("123456789012345678901234567890"))));
        assertEquals("true", PythonJson.dumps(F.booleanNode(true)));
        assertEquals("null", PythonJson.dumps(F.nullNode()));
        assertEquals("[]", PythonJson.dumps(F.arrayNode()));
        assertEquals("{}", PythonJson.dumps(F.objectNode()));
    }

    @Test
    void parsedTextComesBackInPythonsSpelling() throws Exception {
        JsonNode parsed = Json.MAPPER.readTree("{\"overlap\" : 0.01, \"ratios\" : [ 8, 5 ], \"eps\" : 1.0E-5}");
        assertEquals("{\n  \"eps\": 1e-05,\n  \"overlap\": 0.01,\n  \"ratios\": [\n    8,\n    5\n  ]\n}",
                PythonJson.dumps(parsed));
    }
}
