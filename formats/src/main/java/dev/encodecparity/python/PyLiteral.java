package dev.encodecparity.python;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the few Python literals a {@code .npy} header is made of: a dict with string keys whose values are strings,
 * {@code True}/{@code False}/{@code None}, ints, tuples and lists. NumPy reads the header with
 * {@code ast.literal_eval}; this accepts the subset that real headers use and rejects anything else, never evaluating
 * anything.
 *
 * <p>Values come back in this package's model: {@link String}, {@link Boolean}, {@link BigInteger}, {@link PyTuple}
 * (kept apart from a list, because a shape must be a tuple), {@link List}, {@link PyDict} with string keys in source
 * order, and {@code null} for None.
 */
public final class PyLiteral {
    /** A header that is not a literal we read. */
    public static final class SyntaxException extends Exception {
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
    public static Object parse(String text) throws SyntaxException {
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

    private PyDict dict(int depth) throws SyntaxException {
        pos++; // '{'
        PyDict map = new PyDict();
        while (true) {
            skipSpace();
            if (peek('}')) {
                pos++;
                return map;
            }
            Object key = value(depth + 1);
            if (!(key instanceof String)) {
                throw error("dict key " + PyValues.repr(key) + " is not a string");
            }
            skipSpace();
            expect(':');
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                throw error("key '" + key + "' appears twice");
            }
            map.put(key, v);
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
        return PyTuple.of(items);
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
                return null;
            default:
                pos = start;
                throw error("unexpected " + (word.isEmpty() ? describe(text.charAt(pos)) : "'" + word + "'"));
        }
    }

    /** A character for a one-line message: itself when printable ASCII, else its code point. */
    private static String describe(char c) {
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
