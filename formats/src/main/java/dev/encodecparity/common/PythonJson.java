package dev.encodecparity.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * JSON text exactly as Python writes it with {@code json.dumps(value, indent=2, sort_keys=True, allow_nan=False)}:
 * what transformers' {@code save_pretrained} writes into {@code config.json} and {@code preprocessor_config.json}
 * (it adds one {@code "\n"}). Written by hand because a file that differs only in spelling from the one transformers
 * would write makes every {@code diff} against a hub file noisy; Jackson's printer spells {@code "key" : value}, puts
 * arrays on one line and writes Java's float spelling.
 *
 * <p>The rules, from Python's {@code json} module: separators {@code ","} and {@code ": "}, every list item and object
 * member on its own line indented two spaces a level, {@code []} and {@code {}} when empty; keys sorted by code point
 * at every level; strings with {@code ensure_ascii}: {@code \" \\ \b \f \n \r \t} escaped by name, other characters
 * outside {@code ' '..'~'} (DEL included) as {@code \}{@code u} and four lower-case hex digits, characters beyond the
 * BMP as their surrogate pair; integers as written; floats as {@code repr(float)}.
 */
public final class PythonJson {
    private static final String INDENT = "  ";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Python's str order: by code point (Java's String.compareTo orders UTF-16 units, which differs past U+FFFF). */
    private static final Comparator<String> BY_CODE_POINT = (a, b) -> {
        Iterator<Integer> x = a.codePoints().iterator();
        Iterator<Integer> y = b.codePoints().iterator();
        while (x.hasNext() && y.hasNext()) {
            int c = Integer.compare(x.next(), y.next());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(x.hasNext(), y.hasNext());
    };

    private PythonJson() {
    }

    /**
     * {@code json.dumps(node, indent=2, sort_keys=True, allow_nan=False)}; no trailing newline.
     *
     * @throws IllegalArgumentException for NaN or an infinity, as Python's {@code allow_nan=False} refuses them
     *     (they are not JSON; {@code json.dumps}'s default would write {@code NaN})
     */
    public static String dumps(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, 0, out);
        return out.toString();
    }

    private static void write(JsonNode node, int level, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(floatRepr(node.doubleValue()));
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.elements().forEachRemaining(items::add);
            container(items.size(), '[', ']', level, out, (i, o) -> write(items.get(i), level + 1, o));
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(BY_CODE_POINT);
            container(keys.size(), '{', '}', level, out, (i, o) -> {
                quote(keys.get(i), o);
                o.append(": ");
                write(node.get(keys.get(i)), level + 1, o);
            });
        } else {
            throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private interface Item {
        void write(int index, StringBuilder out);
    }

    private static void container(int size, char open, char close, int level, StringBuilder out, Item item) {
        out.append(open);
        if (size == 0) {
            out.append(close);
            return;
        }
        for (int i = 0; i < size; i++) {
            out.append(i == 0 ? "\n" : ",\n").append(INDENT.repeat(level + 1));
            item.write(i, out);
        }
        out.append('\n').append(INDENT.repeat(level)).append(close);
    }

    /** A string as {@code json.dumps} writes it with {@code ensure_ascii=True}. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        // A Java char is a UTF-16 unit, so a character past U+FFFF comes out as its surrogate pair,
                        // as Python writes it.
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
                                .append(HEX[c & 15]);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * {@code repr(d)}: the shortest decimal that reads back as {@code d} (the closest such one when several have that
     * length), in fixed notation from 1e-4 up to 1e16 with at least one digit after the point ({@code 24.0},
     * {@code 0.0001}), otherwise in exponent notation with a sign and at least two exponent digits ({@code 1e-05},
     * {@code 1e+16}). Java's {@code Double.toString} spells these differently ({@code 1.0E-5}) and, before Java 19,
     * sometimes gives more digits than needed ({@code 2.82879384806159008E17}), so the digits are searched here.
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("Out of range float values are not JSON compliant: " + d);
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDigits(d).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decpt = digits.length() - shortest.scale(); // value = 0.<digits> x 10^decpt, as in Python's dtoa
        String sign = d < 0 ? "-" : "";
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                return sign + "0." + "0".repeat(-decpt) + digits;
            }
            if (decpt >= digits.length()) {
                return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
            }
            return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
        }
        int exp = decpt - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = Integer.toString(Math.abs(exp));
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    /**
     * For 1, 2, ... 17 significant digits: the decimals of that many digits just below and just above {@code d}; the
     * first length at which either parses back to {@code d} gives the nearer one that does. (Any decimal of that length
     * that reads back lies between one of these and {@code d}, so none is missed.)
     */
    private static BigDecimal shortestDigits(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal best = null;
            for (RoundingMode side : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(precision, side));
                if (Double.parseDouble(candidate.toString()) == d && (best == null
                        || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best;
            }
        }
        throw new IllegalStateException("17 significant digits always identify a double: " + d);
    }
}
