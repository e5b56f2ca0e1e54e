package dev.encodecparity.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every JSON document the tool writes, one way: {@code "schema_version"} and {@code "kind"} first, then the value's
 * fields, enums in lower case like every other word in them. A number that is not finite is written as {@code null}
 * with a {@code "<field>_reason"} beside it that says what it was and what that means ({@code "snr_db": null,
 * "snr_db_reason": "infinite: identical, no error to measure"}), never as the strings "NaN" or "Infinity", which
 * JSON parsers either refuse or read as text. Reading a document back ({@link #read}) restores the numbers from their
 * reasons, so a report survives a merge unchanged.
 */
public final class JsonDocument {
    public static final String KIND = "kind";
    static final String REASON = "_reason";
    private static final String INFINITE = "infinite";
    private static final String NEGATIVE = "negative infinite";
    private static final String NAN = "not a number";
    /** What a non-finite value of a field means, where it has a meaning of its own. Data, not logic. */
    private static final Map<String, String> MEANING = Map.of(
            "snr_db/" + INFINITE, "identical, no error to measure",
            "max_abs_error/" + NAN, "the two decodes differ in length",
            "snr_db/" + NAN, "the two decodes differ in length");

    /** The project's mapper, with enums in lower case: one casing for every word a document holds. */
    private static final com.fasterxml.jackson.databind.ObjectMapper WRITER = Json.MAPPER.copy()
            .configure(com.fasterxml.jackson.databind.cfg.EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true);
    private static final com.fasterxml.jackson.databind.ObjectMapper READER = Json.MAPPER.copy()
            .configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);

    private JsonDocument() {
    }

    /** A document of {@code kind} holding {@code value}'s fields (a record, a map or an object node). */
    public static ObjectNode of(String kind, Object value) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put(JsonSchemas.KEY, JsonSchemas.VERSION);
        doc.put(KIND, kind);
        JsonNode fields = WRITER.valueToTree(value);
        fields.properties().forEach(e -> {
            if (!e.getKey().equals(JsonSchemas.KEY) && !e.getKey().equals(KIND)) {
                doc.set(e.getKey(), e.getValue());
            }
        });
        finite(doc);
        return doc;
    }

    /**
     * A document's value as {@code type}: see {@link #body}; a body that does not bind is bad input naming
     * {@code file}.
     */
    public static <T> T read(JsonNode doc, String kind, Class<T> type, java.nio.file.Path file) {
        ObjectNode body = body(doc, kind, file);
        try {
            return READER.treeToValue(body, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new BadInputException(file, "is not a " + kind + " this tool can read", e);
        }
    }

    /**
     * A document's fields without its {@code schema_version} and {@code kind}, its non-finite numbers restored from
     * their reasons. A document of another kind, or of a newer schema, is bad input naming {@code file}; one without
     * either key (written before they existed) is read as it is.
     */
    public static ObjectNode body(JsonNode doc, String kind, java.nio.file.Path file) {
        if (!(doc instanceof ObjectNode o)) {
            throw new BadInputException(file, "is not a JSON object");
        }
        JsonNode k = o.get(KIND);
        if (k != null && !k.asText().equals(kind)) {
            throw new BadInputException(file, "is a " + k.asText() + ", not a " + kind);
        }
        JsonNode v = o.get(JsonSchemas.KEY);
        if (v != null && (!v.canConvertToInt() || v.asInt() > JsonSchemas.VERSION)) {
            throw new BadInputException(file, "has schema_version " + v + "; this tool reads up to "
                    + JsonSchemas.VERSION);
        }
        ObjectNode copy = o.deepCopy();
        copy.remove(List.of(JsonSchemas.KEY, KIND));
        restore(copy);
        return copy;
    }

    /** A value as a tree, spelled as documents spell it (enums in lower case), to become part of one. */
    public static ObjectNode tree(Object value) {
        return WRITER.valueToTree(value);
    }

    /** Replaces every non-finite number under {@code node} by null, with its reason beside it. */
    public static void finite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (v.isNumber() && !Double.isFinite(v.doubleValue())) {
                    o.putNull(name);
                    o.put(name + REASON, reason(name, v.doubleValue()));
                } else if (v instanceof ArrayNode a && hasNonFinite(a)) {
                    o.put(name + REASON, "holds values that are not finite, written as null");
                    finite(a);
                } else {
                    finite(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isNumber() && !Double.isFinite(a.get(i).doubleValue())) {
                    a.setNull(i);
                } else {
                    finite(a.get(i));
                }
            }
        }
    }

    private static boolean hasNonFinite(ArrayNode a) {
        for (JsonNode x : a) {
            if (x.isNumber() && !Double.isFinite(x.doubleValue())) {
                return true;
            }
        }
        return false;
    }

    static String reason(String field, double v) {
        String word = Double.isNaN(v) ? NAN : v > 0 ? INFINITE : NEGATIVE;
        String meaning = MEANING.get(field + "/" + word);
        return meaning == null ? word : word + ": " + meaning;
    }

    /** The other way: a null with a reason becomes the number the reason names. */
    static void restore(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> reasons = new ArrayList<>();
            o.fieldNames().forEachRemaining(n -> {
                if (n.endsWith(REASON)) {
                    reasons.add(n);
                }
            });
            for (String r : reasons) {
                String field = r.substring(0, r.length() - REASON.length());
                String text = o.get(r).asText();
                if (o.has(field) && o.get(field).isNull()) {
                    double v = text.startsWith(NEGATIVE) ? Double.NEGATIVE_INFINITY
                            : text.startsWith(INFINITE) ? Double.POSITIVE_INFINITY : Double.NaN;
                    o.set(field, DoubleNode.valueOf(v));
                    o.remove(r);
                } else if (o.get(field) instanceof ArrayNode) {
                    o.remove(r); // an array's nulls stay nulls: its numbers were measurements, not settings
                }
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext();) {
                restore(it.next());
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(JsonDocument::restore);
        }
    }
}
