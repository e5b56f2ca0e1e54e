package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.nio.file.Path;

/**
 * The bits of a FLAC file, most significant first, over the file's bytes; and the two CRCs that guard its frames.
 *
 * <p>Every problem it meets (a read past the end, a residual out of range) is a {@link BadInputException} naming the
 * file and the place set with {@link #at}, so that the frame decoder never has to wrap what it reads.
 */
final class FlacBits {
    /** Residuals fit 32 bits; libFLAC refuses wider ones, and so do we (it also bounds the unary runs). */
    private static final long MAX_RICE_VALUE = 0xFFFFFFFFL;
    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c8 = i;
            int c16 = i << 8;
            for (int b = 0; b < 8; b++) {
                c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
                c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
            }
            CRC8[i] = c8 & 0xFF;
            CRC16[i] = c16 & 0xFFFF;
        }
    }

    private final byte[] data;
    private final Path file;
    /** The bytes of {@code data} that hold the file, and the file offset of {@code data[0]}: see {@link #window}. */
    private int limit;
    private long origin;
    /** Whether {@code data[limit - 1]} is the file's last byte, so that reading past it is a truncated file. */
    private boolean toEnd = true;
    /** The next byte to move into the cache. */
    private int next;
    /** Unread bits, left-aligned; the bits below them are always zero. */
    private long cache;
    private int cached;
    /** The frame that messages are about, and its first byte; -1 for none. */
    private int frame = -1;
    private int frameStart;

    /** Bits over a whole file's bytes. */
    FlacBits(byte[] data, Path file) {
        this.data = data;
        this.file = file;
        this.limit = data.length;
    }

    /**
     * Says which part of the file {@code data} holds, for a decoder that streams the file through it: its first
     * {@code limit} bytes, starting at file offset {@code origin} (messages give file offsets), and whether they
     * reach the end of the file. Reading beyond a window that does not is {@link PastWindow}, not a truncated file.
     */
    void window(int limit, long origin, boolean toEnd) {
        this.limit = limit;
        this.origin = origin;
        this.toEnd = toEnd;
        seek(0);
    }

    /** Moves to a byte position, dropping what was cached. */
    void seek(int bytePosition) {
        next = bytePosition;
        cache = 0;
        cached = 0;
    }

    /** The byte position of the next unread bit; exact when {@link #bitsToByte} is 0. */
    int bytePosition() {
        return next - cached / 8;
    }

    /** The bits left before the next byte boundary. */
    int bitsToByte() {
        return cached % 8;
    }

    /** Names the frame that later messages are about (-1: none), so that each says "frame 3 (byte 8312): ...". */
    void at(int frameIndex, int startByte) {
        frame = frameIndex;
        frameStart = startByte;
    }

    /** A problem in the current frame. */
    BadInputException bad(String reason) {
        return new BadInputException(file, frame < 0 ? reason : "frame " + frame + " (byte " + (origin + frameStart)
                + "): " + reason);
    }

    /** {@code n} bits (0 to 33) as an unsigned number. */
    long bits(int n) {
        if (n == 0) {
            return 0;
        }
        need(n);
        long v = cache >>> (64 - n);
        consume(n);
        return v;
    }

    /** {@code n} bits (0 to 33) as a two's complement number. */
    long signed(int n) {
        if (n == 0) {
            return 0;
        }
        need(n);
        long v = cache >> (64 - n);
        consume(n);
        return v;
    }

    /** The count of 0 bits before the next 1; stops after {@code max + 1} zeros, which the caller refuses. */
    int unary(int max) {
        int zeros = 0;
        while (zeros <= max && bits(1) == 0) {
            zeros++;
        }
        return zeros;
    }

    /** Fills {@code out[from, from + count)} with Rice-coded signed values of parameter {@code k} (0 to 30). */
    void rice(long[] out, int from, int count, int k) {
        long limit = MAX_RICE_VALUE >>> k;
        for (int i = from; i < from + count; i++) {
            long q = 0;
            while (true) {
                if (cached == 0) {
                    refill();
                    if (cached == 0) {
                        throw truncated();
                    }
                }
                int zeros = Long.numberOfLeadingZeros(cache); // 64 when every cached bit is 0
                if (zeros < cached) {
                    q += zeros;
                    consume(zeros + 1);
                    break;
                }
                q += cached;
                cache = 0;
                cached = 0;
                if (q > limit) {
                    break; // reported below; the rest of the run need not be read
                }
            }
            if (q > limit) {
                throw bad("a residual beyond 32 bits (the frame is damaged)");
            }
            long u = q << k | bits(k);
            out[i] = u >>> 1 ^ -(u & 1);
        }
    }

    /** CRC-8 (polynomial x^8 + x^2 + x + 1) of {@code data[from, to)}, as the frame header's last byte holds it. */
    static int crc8(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = CRC8[crc ^ (data[i] & 0xFF)];
        }
        return crc;
    }

    /** CRC-16 (polynomial x^16 + x^15 + x^2 + 1) of {@code data[from, to)}, as a frame's last two bytes hold it. */
    static int crc16(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = (crc << 8 & 0xFFFF) ^ CRC16[(crc >>> 8) ^ (data[i] & 0xFF)];
        }
        return crc;
    }

    private void need(int n) {
        if (cached < n) {
            refill();
            if (cached < n) {
                throw truncated();
            }
        }
    }

    /** Tops the cache up to at least 56 bits (63 at most, so that every shift stays below 64). */
    private void refill() {
        while (cached <= 55 && next < limit) {
            cache |= (data[next++] & 0xFFL) << (56 - cached);
            cached += 8;
        }
    }

    private void consume(int n) {
        cache <<= n;
        cached -= n;
    }

    private RuntimeException truncated() {
        return toEnd ? bad("truncated file: it ends inside the frame") : new PastWindow();
    }

    /**
     * A frame runs past the window of the file in memory: the decoder moves or widens the window and decodes the frame
     * again. What was read before it is the file's true content, so nothing wrong has been missed.
     */
    static final class PastWindow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PastWindow() {
            super("a FLAC frame runs past the decoder's window", null, false, false);
        }
    }
}
