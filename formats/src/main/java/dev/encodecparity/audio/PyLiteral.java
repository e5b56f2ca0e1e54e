package dev.encodecparity.audio;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the few Python literals a {@code .npy} header is made of: a dict with string keys whose values are strings,
 * {@code True}/{@code False}/{@code None}, ints, tuples and lists. NumPy reads the header with
 * {@code ast.literal_eval}; this accepts the subset that real headers use and rejects anything else, never evaluating
 * anything.
 *
 * <p>Values come back as {@link String}, {@link Boolean}, {@link BigInteger}, {@link Tuple}, {@link List},
 * {@code Map<String, Object>} (in source order) and {@link #NONE}.
 */
final class PyLiteral {
    /** Python's {@code None}; a value of its own so that maps can hold it. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A Python tuple, kept apart from a list because a shape must be a tuple. */
    record Tuple(List<Object> items) {
    }

    /** A header that is not a literal we read. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    // Real headers nest two deep; the limit only keeps a hostile header from overflowing the stack.
    private static final int MAX_DEPTH = 16;
    // Python ints are unbounded; anything longer than this is no array size.
    private static final int MAX_INT_DIGITS = 40;

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** The single literal in {@code text}, with surrounding whitespace allowed. */
    static Object parse(String text) throws SyntaxException {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the literal");
        }
        return value;
    }

    private Object value(int depth) throws SyntaxException {
        if (depth > MAX_DEPTH) {
            throw error("literal nested deeper than " + MAX_DEPTH);
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of header");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict(depth);
            case '(':
                return sequence(depth, ')');
            case '[':
                return sequence(depth, ']');
            case '\'':
            case '"':
                return string(c);
            default:
                if (c == '-' || c == '+' || Character.isDigit(c)) {
                    return integer();
                }
                return name();
        }
    }

    private Map<String, Object> dict(int depth) throws SyntaxException {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek('}')) {
                pos++;
                return map;
            }
            Object key = value(depth + 1);
            if (!(key instanceof String)) {
                throw error("dict key " + repr(key) + " is not a string");
            }
            skipSpace();
            expect(':');
            Object v = value(depth + 1);
            if (map.put((String) key, v) != null) {
                throw error("key '" + key + "' appears twice");
            }
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (!peek('}')) {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object sequence(int depth, char close) throws SyntaxException {
        pos++; // '(' or '['
        List<Object> items = new ArrayList<>();
        boolean sawComma = false;
        while (true) {
            skipSpace();
            if (peek(close)) {
                pos++;
                break;
            }
            items.add(value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
                sawComma = true;
            } else if (!peek(close)) {
                throw error("expected ',' or '" + close + "'");
            }
        }
        if (close == ']') {
            return items;
        }
        // "(5)" is the int 5 in Python, not a tuple; "(5,)" and "()" are tuples.
        if (items.size() == 1 && !sawComma) {
            return items.get(0);
        }
        return new Tuple(List.copyOf(items));
    }

    private String string(char quote) throws SyntaxException {
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                if (e != '\\' && e != '\'' && e != '"') {
                    throw error("unsupported escape: backslash and " + describe(e) + " in a string");
                }
                c = e;
            } else if (c == '\n') {
                break;
            }
            b.append(c);
        }
        throw error("unterminated string");
    }

    private BigInteger integer() throws SyntaxException {
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        if (pos == digitsStart) {
            throw error("expected a number");
        }
        if (pos - digitsStart > MAX_INT_DIGITS) {
            throw error("integer with more than " + MAX_INT_DIGITS + " digits");
        }
        String digits = text.substring(start, pos);
        // Python 2 wrote long ints as "3L"; NumPy still reads headers written that way.
        if (peek('L') || peek('l')) {
            pos++;
        }
        if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            throw error("not an integer");
        }
        return new BigInteger(digits);
    }

    private Object name() throws SyntaxException {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        switch (word) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return NONE;
            default:
                pos = start;
                throw error("unexpected " + (word.isEmpty() ? describe(text.charAt(pos)) : "'" + word + "'"));
        }
    }

    /**
     * A parsed value written back as Python would, for messages: strings quoted, and every character outside
     * printable ASCII escaped, so that whatever a file holds, the message stays one plain line.
     */
    static String repr(Object value) {
        StringBuilder b = new StringBuilder();
        appendRepr(b, value);
        return b.toString();
    }

    private static void appendRepr(StringBuilder b, Object value) {
        if (value instanceof String) {
            b.append('\'');
            for (char c : ((String) value).toCharArray()) {
                if (c == '\'' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c >= 0x20 && c < 0x7f) {
                    b.append(c);
                } else {
                    b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                }
            }
            b.append('\'');
        } else if (value instanceof Boolean) {
            b.append((Boolean) value ? "True" : "False");
        } else if (value instanceof Tuple) {
            List<Object> items = ((Tuple) value).items();
            b.append('(');
            appendItems(b, items);
            b.append(items.size() == 1 ? ",)" : ")");
        } else if (value instanceof List) {
            b.append('[');
            appendItems(b, (List<?>) value);
            b.append(']');
        } else if (value instanceof Map) {
            b.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                b.append(sep);
                appendRepr(b, e.getKey());
                b.append(": ");
                appendRepr(b, e.getValue());
                sep = ", ";
            }
            b.append('}');
        } else {
            b.append(value); // ints and None
        }
    }

    private static void appendItems(StringBuilder b, List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            appendRepr(b, items.get(i));
        }
    }

    /** A character for a one-line message: itself when printable ASCII, else its code point. */
    static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws SyntaxException {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private SyntaxException error(String what) {
        return new SyntaxException(what + " at character " + pos);
    }
}
