package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.util.Arrays;
import java.util.Set;

/**
 * Decodes one FLAC subframe (one channel of a frame): CONSTANT, VERBATIM, FIXED (orders 0 to 4) and LPC (orders 1 to
 * 32), with wasted bits, and the partitioned Rice and Rice2 residuals, escaped partitions included.
 *
 * <p>Samples are {@code long}: a side channel of 32-bit audio needs 33 bits, and an LPC sum of 32 products needs more
 * than 32. A damaged subframe may predict values that overflow even so; Java's arithmetic wraps without harm, and the
 * frame's CRC and the range check after decorrelation refuse the result.
 */
final class FlacSubframe {
    static final int MAX_LPC_ORDER = 32;
    private static final int MAX_FIXED_ORDER = 4;
    private static final String[] FIXED = {"FIXED 0", "FIXED 1", "FIXED 2", "FIXED 3", "FIXED 4"};

    private final FlacBits bits;
    private final Set<String> features;
    private final long[] coefficients = new long[MAX_LPC_ORDER];
    private int channel;

    /** @param features where the decoder notes each coding feature it meets (for tests), or null */
    FlacSubframe(FlacBits bits, Set<String> features) {
        this.bits = bits;
        this.features = features;
    }

    /**
     * Decodes {@code n} samples of {@code bps} bits (one more for a side channel) into {@code out[0, n)}.
     *
     * @param channel for messages
     */
    void decode(long[] out, int n, int bps, int channel) {
        this.channel = channel;
        if (bits.bits(1) != 0) {
            throw bad("the subframe header's first bit is not 0");
        }
        int type = (int) bits.bits(6);
        int wasted = 0;
        if (bits.bits(1) == 1) {
            wasted = bits.unary(bps - 2) + 1;
            if (wasted >= bps) {
                throw bad("at least " + wasted + " wasted bits in " + bps + "-bit samples");
            }
            note("wasted bits");
        }
        int sampleBits = bps - wasted;
        if (type == 0) {
            Arrays.fill(out, 0, n, bits.signed(sampleBits));
            note("CONSTANT");
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = bits.signed(sampleBits);
            }
            note("VERBATIM");
        } else if (type >= 8 && type <= 8 + MAX_FIXED_ORDER) {
            fixed(out, n, sampleBits, type - 8);
        } else if (type >= 32) {
            lpc(out, n, sampleBits, type - 31);
        } else {
            throw bad("reserved subframe type " + type);
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                out[i] <<= wasted;
            }
        }
    }

    private void fixed(long[] out, int n, int sampleBits, int order) {
        warmUp(out, n, sampleBits, order);
        residual(out, n, order);
        note(FIXED[order]);
        // The fixed predictors are the polynomials of the previous 1 to 4 samples; the residual is already in place.
        switch (order) {
            case 1 -> {
                for (int i = 1; i < n; i++) {
                    out[i] += out[i - 1];
                }
            }
            case 2 -> {
                for (int i = 2; i < n; i++) {
                    out[i] += 2 * out[i - 1] - out[i - 2];
                }
            }
            case 3 -> {
                for (int i = 3; i < n; i++) {
                    out[i] += 3 * (out[i - 1] - out[i - 2]) + out[i - 3];
                }
            }
            case 4 -> {
                for (int i = 4; i < n; i++) {
                    out[i] += 4 * (out[i - 1] + out[i - 3]) - 6 * out[i - 2] - out[i - 4];
                }
            }
            default -> {
                // order 0: the residual is the signal
            }
        }
    }

    private void lpc(long[] out, int n, int sampleBits, int order) {
        warmUp(out, n, sampleBits, order);
        int precision = (int) bits.bits(4) + 1;
        if (precision == 16) {
            throw bad("invalid LPC coefficient precision (0b1111)");
        }
        int shift = (int) bits.signed(5);
        if (shift < 0) {
            throw bad("negative LPC shift " + shift);
        }
        for (int j = 0; j < order; j++) {
            coefficients[j] = bits.signed(precision);
        }
        residual(out, n, order);
        note("LPC");
        long[] c = coefficients;
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += c[j] * out[i - 1 - j];
            }
            out[i] += sum >> shift;
        }
    }

    private void warmUp(long[] out, int n, int sampleBits, int order) {
        if (order > n) {
            throw bad("predictor order " + order + " is larger than the block of " + n + " samples");
        }
        for (int i = 0; i < order; i++) {
            out[i] = bits.signed(sampleBits);
        }
    }

    /** Reads the residual of samples {@code [order, n)} into {@code out}. */
    private void residual(long[] out, int n, int order) {
        int method = (int) bits.bits(2);
        if (method > 1) {
            throw bad("reserved residual coding method " + method);
        }
        note(method == 0 ? "Rice" : "Rice2");
        int parameterBits = 4 + method;
        int escape = (1 << parameterBits) - 1;
        int partitionOrder = (int) bits.bits(4);
        int perPartition = n >> partitionOrder;
        if (perPartition << partitionOrder != n || perPartition < order) {
            throw bad("residual partition order " + partitionOrder + " does not fit a block of " + n
                    + " samples with predictor order " + order);
        }
        int at = order;
        for (int p = 0; p < 1 << partitionOrder; p++) {
            int count = p == 0 ? perPartition - order : perPartition;
            int k = (int) bits.bits(parameterBits);
            if (k == escape) {
                // An escaped partition stores its residuals as plain signed numbers of a given width (0: all zero).
                int width = (int) bits.bits(5);
                for (int i = at; i < at + count; i++) {
                    out[i] = bits.signed(width);
                }
                note("escaped partition");
            } else {
                bits.rice(out, at, count, k);
            }
            at += count;
        }
    }

    private void note(String feature) {
        if (features != null) {
            features.add(feature);
        }
    }

    private BadInputException bad(String reason) {
        return bits.bad("channel " + channel + ": " + reason);
    }
}
