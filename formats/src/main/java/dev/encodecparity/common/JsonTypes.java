package dev.encodecparity.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks that every field of a JSON tree has the JSON type its record component needs, before the JSON library binds
 * it: the library's messages name Java types ({@code java.util.ArrayList<java.lang.Integer>}) and its own settings
 * ({@code CoercionConfig}). The rules are those {@link Json#MAPPER} binds by: an integer is an integral number in
 * range ({@code 24000.0} and {@code "24000"} are not), a number is any finite number, a string is a string (not a
 * number), and null is refused only where Java has no null (primitive components). Fields the record does not have
 * are ignored, as the mapper ignores them.
 */
final class JsonTypes {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private JsonTypes() {
    }

    /** A field whose value is not what it must be. */
    record Mismatch(String field, String expected, String got) {
        @Override
        public String toString() {
            return field + " has the wrong type: expected " + expected + ", got " + got;
        }
    }

    /** The first field of {@code node} whose JSON type does not fit {@code type}, or null when all fit. */
    static Mismatch check(JsonNode node, Type type) {
        return check(node, type, "");
    }

    private static Mismatch check(JsonNode n, Type type, String path) {
        Class<?> raw = rawClass(type);
        if (n.isNull()) {
            return raw.isPrimitive() ? mismatch(path, type, n) : null;
        }
        boolean fits;
        if (raw == int.class || raw == Integer.class) {
            fits = n.isIntegralNumber() && n.canConvertToInt();
        } else if (raw == long.class || raw == Long.class) {
            fits = n.isIntegralNumber() && n.canConvertToLong();
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            fits = n.isNumber() && Double.isFinite(n.doubleValue());
        } else if (raw == boolean.class || raw == Boolean.class) {
            fits = n.isBoolean();
        } else if (raw == String.class) {
            fits = n.isTextual();
        } else if (Collection.class.isAssignableFrom(raw)) {
            return n.isArray() ? items(n, typeArgument(type, 0), path) : mismatch(path, type, n);
        } else if (Map.class.isAssignableFrom(raw)) {
            return n.isObject() ? values(n, typeArgument(type, 1), path) : mismatch(path, type, n);
        } else if (raw.isRecord()) {
            return n.isObject() ? components(n, raw, path) : mismatch(path, type, n);
        } else {
            fits = true; // JsonNode, Object: anything
        }
        return fits ? null : mismatch(path, type, n);
    }

    private static Mismatch items(JsonNode array, Type item, String path) {
        for (int i = 0; i < array.size(); i++) {
            Mismatch m = check(array.get(i), item, path + "[" + i + "]");
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static Mismatch values(JsonNode object, Type value, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Mismatch m = check(e.getValue(), value, join(path, e.getKey()));
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static Mismatch components(JsonNode object, Class<?> record, String path) {
        for (RecordComponent c : record.getRecordComponents()) {
            String name = SNAKE_CASE.translate(c.getName());
            JsonNode v = object.get(name);
            if (v != null) {
                Mismatch m = check(v, c.getGenericType(), join(path, name));
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Mismatch mismatch(String path, Type type, JsonNode got) {
        Class<?> raw = rawClass(type);
        String expected;
        if (raw == int.class || raw == Integer.class) {
            expected = got.isIntegralNumber() ? "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    : "an integer";
        } else if (raw == long.class || raw == Long.class) {
            expected = "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            expected = "a number";
        } else if (raw == boolean.class || raw == Boolean.class) {
            expected = "true or false";
        } else if (raw == String.class) {
            expected = "a string";
        } else if (Collection.class.isAssignableFrom(raw)) {
            expected = "a list";
        } else {
            expected = "an object";
        }
        return new Mismatch(path.isEmpty() ? "the value" : path, expected, describe(got));
    }

    /** A JSON value as a message shows it: {@code the string "24000"}, {@code 24000.5}, {@code a list}, ... */
    static String describe(JsonNode v) {
        if (v.isTextual()) {
            String s = v.asText();
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v.isNumber()) {
            if (!v.isIntegralNumber() && !Double.isFinite(v.doubleValue())) {
                return "a number too large to represent";
            }
            String s = v.asText();
            return s.length() > 40 ? s.substring(0, 40) + "... (" + s.length() + " digits)" : s;
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return v.asText(); // true, false, null
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Type typeArgument(Type t, int i) {
        return t instanceof ParameterizedType p && p.getActualTypeArguments().length > i
                ? p.getActualTypeArguments()[i] : Object.class;
    }
}
