package dev.encodecparity.tensor;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NaN and infinities in weights and outputs, counted from the bits of each floating-point dtype: a value is not finite
 * when its exponent bits are all ones (NaN when its mantissa is not zero, an infinity of its sign's side when it is).
 *
 * <p>Scanning is one pass over the bytes, 8 bytes at a time whatever the dtype: each 64-bit word is masked to its
 * elements' exponent fields and each field's lowest exponent bit is added, which carries into the element's sign bit
 * exactly when the exponent is all ones and never into the next element. The words are OR-ed together and only a
 * block whose result has a sign bit set is counted element by element.
 */
public final class NonFinite {
    private NonFinite() {
    }

    /** How many values are NaN, +Inf and -Inf, of how many. */
    public record Count(long nan, long positiveInfinity, long negativeInfinity, long values) {
        public static final Count NONE = new Count(0, 0, 0, 0);

        public long nonFinite() {
            return nan + positiveInfinity + negativeInfinity;
        }

        public boolean any() {
            return nonFinite() > 0;
        }

        public Count plus(Count o) {
            return new Count(nan + o.nan, positiveInfinity + o.positiveInfinity, negativeInfinity + o.negativeInfinity,
                    values + o.values);
        }

        /** "1 NaN, 2 -Inf": the kinds present, with their counts. */
        public String kinds() {
            List<String> parts = new ArrayList<>();
            if (nan > 0) {
                parts.add(nan + " NaN");
            }
            if (positiveInfinity > 0) {
                parts.add(positiveInfinity + " +Inf");
            }
            if (negativeInfinity > 0) {
                parts.add(negativeInfinity + " -Inf");
            }
            return String.join(", ", parts);
        }

        /** "1 NaN, 2 -Inf of 32 values". */
        public String describe() {
            return kinds() + " of " + values + " values";
        }
    }

    /** A named tensor that holds non-finite values. */
    public record Found(String name, Count count) {
        /** "encoder.model.0.conv.conv.bias: 1 NaN of 32 values", as a detail line. */
        public String detail() {
            return name + ": " + count.describe();
        }

        /** "encoder.model.0.conv.conv.bias (1 NaN of 32 values)", for a list inside one line. */
        public String inline() {
            return name + " (" + count.describe() + ")";
        }
    }

    /** "1 tensor holds" or "3 tensors hold". */
    public static String tensorsHold(int n) {
        return n == 1 ? "1 tensor holds" : n + " tensors hold";
    }

    /** At most {@code max} found tensors inline, then how many more: "a (1 NaN of 2 values), b (...) and 3 more". */
    public static String inlineList(List<Found> found, int max) {
        List<String> shown = found.stream().limit(max).map(Found::inline).toList();
        String s = String.join(", ", shown);
        return found.size() > max ? s + " and " + (found.size() - max) + " more" : s;
    }

    /** The element bit fields of a floating-point dtype, and the same fields repeated over a 64-bit word. */
    private record Bits(int size, long exponent, long mantissa, long sign, long wordExponent, long wordCarry,
            long wordSign) {
        static Bits of(int size, long exponent, long mantissa, long sign) {
            long e = 0;
            long c = 0;
            long s = 0;
            for (int lane = 0; lane < 8 / size; lane++) {
                int shift = lane * size * 8;
                e |= exponent << shift;
                c |= Long.lowestOneBit(exponent) << shift;
                s |= sign << shift;
            }
            return new Bits(size, exponent, mantissa, sign, e, c, s);
        }
    }

    private static final Bits FLOAT64 = Bits.of(8, 0x7ff0000000000000L, 0x000fffffffffffffL, 0x8000000000000000L);
    private static final Bits FLOAT32 = Bits.of(4, 0x7f800000L, 0x007fffffL, 0x80000000L);
    private static final Bits FLOAT16 = Bits.of(2, 0x7c00L, 0x03ffL, 0x8000L);
    private static final Bits BFLOAT16 = Bits.of(2, 0x7f80L, 0x007fL, 0x8000L);

    private static Bits bits(DType d) {
        return switch (d) {
            case FLOAT64 -> FLOAT64;
            case FLOAT32 -> FLOAT32;
            case FLOAT16 -> FLOAT16;
            case BFLOAT16 -> BFLOAT16;
            default -> null;
        };
    }

    /**
     * Bytes read at a time from a file; a multiple of 8. Small on purpose: the buffer stays in the CPU's cache, and the
     * JDK's temporary direct buffer for reads of this size stays in the allocator's arena instead of being mapped and
     * unmapped: with 1 MiB reads, VerifySoakTest's median resident-set step crossed its limit in 4 of 9 runs; with
     * 64 KiB, in none of 4 (and the scan got faster).
     */
    private static final int CHUNK = 1 << 16;

    /**
     * Every floating-point tensor of {@code tensors} that holds a NaN or an infinity, in their order. Integer and bool
     * tensors are skipped. Tensors in a file are read once, a chunk at a time.
     */
    public static List<Found> scan(Map<String, Tensor> tensors) throws IOException {
        Scanner s = new Scanner();
        List<Found> found = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Count c = s.count(e.getValue());
            if (c.any()) {
                found.add(new Found(e.getKey(), c));
            }
        }
        return found;
    }

    /** The non-finite values of one tensor (none for an integer or bool tensor). */
    public static Count count(Tensor t) throws IOException {
        return new Scanner().count(t);
    }

    /** The non-finite values of float32 values in memory (the engine's widened weights, decoded audio). */
    public static Count count(float[] values) {
        int acc = 0;
        for (float v : values) {
            acc |= (Float.floatToRawIntBits(v) & 0x7f800000) + 0x00800000;
        }
        if (acc >= 0) {
            return new Count(0, 0, 0, values.length);
        }
        long nan = 0;
        long pos = 0;
        long neg = 0;
        for (float v : values) {
            if (Float.isNaN(v)) {
                nan++;
            } else if (v == Float.POSITIVE_INFINITY) {
                pos++;
            } else if (v == Float.NEGATIVE_INFINITY) {
                neg++;
            }
        }
        return new Count(nan, pos, neg, values.length);
    }

    /** Little-endian 64-bit words of a byte array, at any offset. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * One scan's buffer, reused for every tensor of it. A heap buffer on purpose: a direct one per scan is native
     * memory that only a garbage collection gives back, which a process converting over and over (verify's soak) sees
     * as a resident set that steps up and down; reading a file into a heap buffer goes through the JDK's cached
     * temporary direct buffer of the thread instead.
     */
    private static final class Scanner {
        private final ByteBuffer scratch = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        private Bits bits;
        private long nan;
        private long pos;
        private long neg;

        Count count(Tensor t) throws IOException {
            bits = bits(t.dtype());
            if (bits == null) {
                return new Count(0, 0, 0, t.numel());
            }
            nan = 0;
            pos = 0;
            neg = 0;
            t.forEachChunk(scratch, this::add);
            return new Count(nan, pos, neg, t.numel());
        }

        /** A chunk of whole elements; one without an accessible array (a read-only buffer) is copied piece by piece. */
        private void add(ByteBuffer chunk) {
            ByteBuffer b = chunk.duplicate();
            while (b.hasRemaining()) {
                int n = Math.min(b.remaining(), CHUNK); // CHUNK is a multiple of every element size
                if (b.hasArray()) {
                    scan(b.array(), b.arrayOffset() + b.position(), n);
                } else {
                    b.duplicate().get(scratch.array(), 0, n);
                    scan(scratch.array(), 0, n);
                }
                b.position(b.position() + n);
            }
        }

        private void scan(byte[] a, int from, int length) {
            int words = length / 8;
            long acc = 0;
            for (int i = 0; i < words; i++) {
                acc |= ((long) WORD.get(a, from + 8 * i) & bits.wordExponent) + bits.wordCarry;
            }
            ByteBuffer b = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
            if ((acc & bits.wordSign) != 0) {
                countElements(b, from, words * 8);
            }
            countElements(b, from + words * 8, length - words * 8); // a tail shorter than a word
        }

        /** Element by element, only where the word test found something (or for a tail shorter than a word). */
        private void countElements(ByteBuffer b, int from, int length) {
            for (int at = from; at < from + length; at += bits.size) {
                long v = switch (bits.size) {
                    case 2 -> b.getShort(at) & 0xffffL;
                    case 4 -> b.getInt(at) & 0xffffffffL;
                    default -> b.getLong(at);
                };
                if ((v & bits.exponent) != bits.exponent) {
                    continue;
                }
                if ((v & bits.mantissa) != 0) {
                    nan++;
                } else if ((v & bits.sign) != 0) {
                    neg++;
                } else {
                    pos++;
                }
            }
        }
    }
}
