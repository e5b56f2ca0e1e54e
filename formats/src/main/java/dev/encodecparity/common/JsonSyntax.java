package dev.encodecparity.common;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict check of a user's JSON text (RFC 8259, in UTF-8) that says in plain words what is wrong and where
 * ({@code line 3, column 12: NaN is not a JSON number ...}), run before the JSON library parses it: the library's
 * own messages name its Java features ({@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}) and stop at the first
 * value, so trailing text would pass. Refused as well: a key twice in one object, and nesting deeper than any file
 * this tool reads needs. Linear in the length of the text; nesting is bounded, so the recursion is too.
 */
final class JsonSyntax {
    static final int MAX_DEPTH = 64;
    /** The JSON library's own limit on a number's length; longer is refused here in plain words first. */
    static final int MAX_NUMBER_LENGTH = 1000;
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern LEADING_ZERO = Pattern.compile("-?0[0-9]+.*");

    private final byte[] b;
    private int pos;
    private int line = 1;
    private int lineStart;

    private JsonSyntax(byte[] bytes) {
        this.b = bytes;
    }

    /** What is wrong with the text, as {@code line L, column C: <problem>}, or null when it is valid JSON. */
    static String problem(byte[] bytes) {
        JsonSyntax s = new JsonSyntax(bytes);
        try {
            s.document();
            return null;
        } catch (Invalid e) {
            return "line " + s.line + ", column " + s.column() + ": " + e.getMessage();
        }
    }

    /** A problem found at {@link #pos}; no stack trace, it is only a message. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String problem) {
            super(problem, null, false, false);
        }
    }

    private void document() {
        if (startsWith(0xef, 0xbb, 0xbf)) {
            throw new Invalid("the file starts with a byte-order mark (BOM); JSON is UTF-8 without one");
        }
        if (startsWith(0xfe, 0xff) || startsWith(0xff, 0xfe)) {
            throw new Invalid("the file is UTF-16 text (it starts with a byte-order mark); JSON is UTF-8");
        }
        skipSpace();
        if (pos == b.length) {
            throw new Invalid("there is no JSON value: the file is empty or only white space");
        }
        value(0, "the value");
        skipSpace();
        if (pos < b.length) {
            throw new Invalid("more text after the end of the JSON value: " + here());
        }
    }

    private void value(int depth, String inside) {
        if (pos == b.length) {
            throw endsInside(inside);
        }
        int c = b[pos] & 0xff;
        if (c == '{') {
            object(depth + 1);
        } else if (c == '[') {
            array(depth + 1);
        } else if (c == '"') {
            string(null);
        } else if (c == '-' || c >= '0' && c <= '9') {
            number();
        } else {
            word();
        }
    }

    private void object(int depth) {
        checkDepth(depth);
        pos++;
        Set<String> keys = new HashSet<>();
        if (next("an object") == '}') {
            pos++;
            return;
        }
        while (true) {
            int keyStart = pos;
            int c = next("an object");
            if (c == '}') {
                throw new Invalid("a comma before '}': JSON allows no comma after the last entry");
            }
            if (c != '"') {
                throw notQuoted("a key in double quotes");
            }
            StringBuilder key = new StringBuilder();
            string(key);
            if (!keys.add(key.toString())) {
                pos = keyStart;
                throw new Invalid("the key " + quote(key.toString()) + " appears twice in one object");
            }
            if (next("an object") != ':') {
                throw new Invalid("expected ':' after the key " + quote(key.toString()) + ", found " + here());
            }
            pos++;
            next("an object");
            value(depth, "an object");
            c = next("an object");
            pos++;
            if (c == '}') {
                return;
            }
            if (c != ',') {
                pos--;
                throw notQuoted("',' or '}' after a value in an object");
            }
            next("an object");
        }
    }

    private void array(int depth) {
        checkDepth(depth);
        pos++;
        if (next("a list") == ']') {
            pos++;
            return;
        }
        while (true) {
            value(depth, "a list");
            int c = next("a list");
            pos++;
            if (c == ']') {
                return;
            }
            if (c != ',') {
                pos--;
                throw notQuoted("',' or ']' after an item in a list");
            }
            if (next("a list") == ']') {
                throw new Invalid("a comma before ']': JSON allows no comma after the last item");
            }
        }
    }

    /** The next character after white space, which must be there: the text cannot end inside {@code what}. */
    private int next(String what) {
        skipSpace();
        if (pos == b.length) {
            throw endsInside(what);
        }
        return b[pos] & 0xff;
    }

    /** A string from its opening quote; its text goes to {@code text} when given (keys are compared). */
    private void string(StringBuilder text) {
        pos++;
        while (true) {
            if (pos == b.length) {
                throw endsInside("a string");
            }
            int c = b[pos] & 0xff;
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                escape(text);
            } else if (c < 0x20) {
                throw new Invalid(c == '\n' ? "a line break inside a string; write it as \\n"
                        : String.format("a control character (code %d) inside a string; write it as \\u%04x", c, c));
            } else if (c < 0x80) {
                append(text, c);
                pos++;
            } else {
                int n = Utf8.sequenceLength(b, pos);
                if (n < 0) {
                    throw notUtf8();
                }
                if (text != null) {
                    text.append(new String(b, pos, n, StandardCharsets.UTF_8));
                }
                pos += n;
            }
        }
    }

    private void escape(StringBuilder text) {
        if (pos + 1 == b.length) {
            throw endsInside("a string");
        }
        int e = b[pos + 1] & 0xff;
        int i = "\"\\/bfnrt".indexOf(e);
        if (i >= 0) {
            append(text, "\"\\/\b\f\n\r\t".charAt(i));
            pos += 2;
            return;
        }
        if (e == 'u' && pos + 6 <= b.length) {
            int unit = 0;
            for (int k = 2; k < 6 && unit >= 0; k++) {
                int d = Character.digit(b[pos + k] & 0xff, 16);
                unit = d < 0 ? -1 : unit * 16 + d;
            }
            if (unit >= 0) {
                append(text, unit);
                pos += 6;
                return;
            }
        }
        pos++;
        throw new Invalid("\\" + (e >= 0x20 && e < 0x7f ? String.valueOf((char) e) : "") + " is not a valid escape in"
                + " a string (a backslash itself is written \\\\)");
    }

    private void number() {
        int start = pos;
        while (pos < b.length && isWordByte(b[pos])) {
            pos++;
        }
        String text = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
        if (text.equals("-Infinity")) {
            pos = start;
            throw nonFinite(text);
        }
        if (text.length() > MAX_NUMBER_LENGTH) {
            pos = start;
            throw new Invalid("a number of more than " + MAX_NUMBER_LENGTH + " characters");
        }
        if (!NUMBER.matcher(text).matches()) {
            pos = start;
            throw new Invalid("'" + text + "' is not a valid JSON number"
                    + (LEADING_ZERO.matcher(text).matches() ? " (JSON numbers have no leading zeros)" : ""));
        }
    }

    /** Anything else where a value belongs: true, false, null, or a word JSON does not have. */
    private void word() {
        int start = pos;
        int c = b[pos] & 0xff;
        if (c == '\'') {
            throw new Invalid("strings need double quotes, not single quotes");
        }
        if (c == '/') {
            throw comment();
        }
        while (pos < b.length && isWordByte(b[pos])) {
            pos++;
        }
        String w = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
        if (w.equals("true") || w.equals("false") || w.equals("null")) {
            return;
        }
        pos = start;
        if (w.equals("NaN") || w.equals("Infinity")) {
            throw nonFinite(w);
        }
        if (w.equals("True") || w.equals("False") || w.equals("None")) {
            throw new Invalid("'" + w + "' is Python, not JSON (JSON writes true, false and null)");
        }
        throw new Invalid("expected a value (a string, a number, an object, a list, true, false or null), found "
                + (w.isEmpty() ? here() : "'" + cut(w) + "'"));
    }

    private void skipSpace() {
        while (pos < b.length) {
            byte c = b[pos];
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Invalid("objects and lists nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private Invalid notQuoted(String expected) {
        int c = b[pos] & 0xff;
        if (c == '\'') {
            return new Invalid("strings need double quotes, not single quotes");
        }
        if (c == '/') {
            return comment();
        }
        return new Invalid("expected " + expected + ", found " + here());
    }

    private static Invalid comment() {
        return new Invalid("comments are not allowed in JSON");
    }

    private static Invalid nonFinite(String w) {
        return new Invalid(w + " is not a JSON number (JSON has no NaN or Infinity)");
    }

    private static Invalid endsInside(String what) {
        return new Invalid("the text ends inside " + what + " (cut short?)");
    }

    private Invalid notUtf8() {
        return new Invalid(String.format("byte 0x%02x is not UTF-8 text; JSON is UTF-8", b[pos] & 0xff));
    }

    /** The character at {@link #pos}, for a message: 'x', a control character by its code, or a byte not UTF-8. */
    private String here() {
        int c = b[pos] & 0xff;
        if (c >= 0x20 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        if (c < 0x80) {
            return "a control character (code " + c + ")";
        }
        int n = Utf8.sequenceLength(b, pos);
        if (n < 0) {
            throw notUtf8();
        }
        return "'" + new String(b, pos, n, StandardCharsets.UTF_8) + "'";
    }

    private boolean startsWith(int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (i >= b.length || (b[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Characters counted from the start of the line (a multi-byte character counts once). */
    private int column() {
        int col = 1;
        for (int i = lineStart; i < pos && i < b.length; i++) {
            if ((b[i] & 0xc0) != 0x80) {
                col++;
            }
        }
        return col;
    }

    private static boolean isWordByte(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-'
                || c == '.' || c == '_';
    }

    private static void append(StringBuilder text, int codePoint) {
        if (text != null) {
            text.appendCodePoint(codePoint);
        }
    }

    private static String quote(String key) {
        return "\"" + cut(key) + "\"";
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
