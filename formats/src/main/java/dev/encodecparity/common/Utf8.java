package dev.encodecparity.common;

/** Strict UTF-8, as RFC 3629 defines it: no overlong forms, no surrogates, nothing past U+10FFFF. */
final class Utf8 {
    private Utf8() {
    }

    /** The length of the UTF-8 sequence at {@code i}, or -1 when it is not one (overlong, surrogate, cut). */
    static int sequenceLength(byte[] b, int i) {
        int c = b[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            return -1;
        }
        if (i + n > b.length) {
            return -1;
        }
        for (int k = 1; k < n; k++) {
            int d = b[i + k] & 0xff;
            if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xbf)) {
                return -1;
            }
        }
        return n;
    }
}
