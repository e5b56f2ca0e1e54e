package dev.encodecparity.checkpoint;

import dev.encodecparity.python.PyValues;
import java.math.BigInteger;

/**
 * Pickle integers, as decimal text (protocol 0's INT and LONG, memo indices) or little-endian two's complement bytes
 * (LONG1, LONG4), bounded as CPython bounds them: decimal text of more than {@link #MAX_DIGITS} digits is refused
 * before it is parsed (Java, like CPython, parses decimal text in time quadratic in its length; CPython's
 * {@code sys.int_info.default_max_str_digits}), and a binary integer may be no longer than a decimal one of that
 * many digits, so that every integer can also be printed in a message quickly. A value that fits is a {@code Long},
 * a wider one a {@code BigInteger}.
 */
final class PickleInts {
    /** CPython's default limit on the digits of an integer converted from or to decimal text. */
    static final int MAX_DIGITS = 4300;
    /** The bytes of the largest integer of {@link #MAX_DIGITS} decimal digits: 4300 * log2(10) / 8, rounded up. */
    static final int MAX_BYTES = 1786;

    private PickleInts() {
    }

    /** INT's argument: a decimal integer, or {@code 00} / {@code 01} (protocol 0's False / True). */
    static Object intLine(String s, ByteReader where) {
        if (s.equals("00")) {
            return Boolean.FALSE;
        }
        if (s.equals("01")) {
            return Boolean.TRUE;
        }
        return decimal(s, where);
    }

    /** LONG's argument (and INT's): decimal text, with Python 2's trailing {@code L}. */
    static Object decimal(String s, ByteReader where) {
        String text = s.endsWith("L") ? s.substring(0, s.length() - 1) : s;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            digits += c >= '0' && c <= '9' ? 1 : 0;
        }
        if (digits > MAX_DIGITS) {
            throw where.error("integer of " + digits + " digits exceeds the limit of " + MAX_DIGITS + " digits");
        }
        try {
            return narrow(new BigInteger(text));
        } catch (NumberFormatException e) {
            throw where.error("malformed integer '" + PyValues.shorten(s) + "'");
        }
    }

    /** A PUT or GET argument: a non-negative decimal integer. */
    static long memoIndex(String s, ByteReader where) {
        if (decimal(s, where) instanceof Long l && l >= 0) {
            return l;
        }
        throw where.error("malformed memo index '" + PyValues.shorten(s) + "'");
    }

    /** LONG1 and LONG4: {@code n} bytes, little-endian two's complement. */
    static Object binary(long n, ByteReader where) {
        if (n > MAX_BYTES) {
            throw where.error("integer of " + n + " bytes exceeds the limit of " + MAX_BYTES + " bytes (a "
                    + MAX_DIGITS + "-digit integer)");
        }
        byte[] littleEndian = where.bytes(n);
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return narrow(new BigInteger(bigEndian));
    }

    private static Object narrow(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
}
