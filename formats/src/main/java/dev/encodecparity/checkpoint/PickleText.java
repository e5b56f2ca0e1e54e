package dev.encodecparity.checkpoint;

import dev.encodecparity.python.PyValues;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How a pickle's strings and text numbers become Java values: binary strings as UTF-8 (malformed bytes refused) or
 * Latin-1, and the text forms of protocol 0 (STRING, UNICODE and FLOAT opcodes), which torch only writes if
 * asked.
 */
final class PickleText {
    private PickleText() {
    }

    /** BINUNICODE and its kin: UTF-8, refused when malformed. */
    static String utf8(byte[] b, ByteReader where) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw where.error("string is not valid UTF-8");
        }
    }

    /** BINSTRING and SHORT_BINSTRING: Python 2 byte strings, one character per byte (Latin-1). */
    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** FLOAT: a float's repr on a line. */
    static double floatLine(String s, ByteReader where) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw where.error("malformed float '" + PyValues.shorten(s) + "'");
        }
    }

    /** A Python repr of a str or bytes: quoted, with backslash escapes. */
    static String quotedString(String s, ByteReader where) {
        if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1) || (s.charAt(0) != '\'' && s.charAt(0) != '"')) {
            throw where.error("malformed STRING argument");
        }
        return unescape(s.substring(1, s.length() - 1), where);
    }

    /** Python's raw-unicode-escape: only \\uXXXX and \\UXXXXXXXX are escapes. */
    static String rawUnicodeEscape(String s, ByteReader where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')) {
                int n = s.charAt(i + 1) == 'u' ? 4 : 8;
                out.appendCodePoint(hex(s, i + 2, n, where));
                i += 1 + n;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String s, ByteReader where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw where.error("malformed escape in STRING argument");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\', '\'', '"' -> out.append(e);
                case 'x' -> {
                    out.append((char) hex(s, i + 1, 2, where));
                    i += 2;
                }
                default -> throw where.error("unsupported escape \\" + e + " in STRING argument");
            }
        }
        return out.toString();
    }

    private static int hex(String s, int from, int n, ByteReader where) {
        if (from + n > s.length()) {
            throw where.error("malformed escape in string argument");
        }
        try {
            int cp = Integer.parseInt(s.substring(from, from + n), 16);
            if (!Character.isValidCodePoint(cp)) {
                throw where.error("invalid code point in string argument");
            }
            return cp;
        } catch (NumberFormatException e) {
            throw where.error("malformed escape in string argument");
        }
    }
}
