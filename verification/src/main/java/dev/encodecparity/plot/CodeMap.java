package dev.encodecparity.plot;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.compare.CodeComparison;

/**
 * The codes of a row as a codebook × frame map of agreement. Only the first differing codebook of a frame is judged
 * ({@link CodeComparison}): a near tie (two entries equally near within the tie margin) or a real difference; later
 * codebooks of that frame quantize another residual, so their differences follow from it and are drawn apart. A
 * long clip's frames are folded into at most {@link #COLUMNS} columns, each showing the worst state it holds.
 *
 * @param codebooks rows of the map
 * @param frames frames of every chunk, one after another
 * @param columns columns of the map
 * @param states {@code states[codebook * columns + column]}: {@link #SAME}, {@link #FOLLOWS}, {@link #NEAR_TIE} or
 *     {@link #REAL}
 * @param chunkStarts the first frame of each chunk after the first (where the chart draws a chunk boundary)
 * @param nearTies frames whose first difference is a near tie
 * @param realDifferences frames whose first difference is real
 */
public record CodeMap(int codebooks, int frames, int columns, byte[] states, int[] chunkStarts, long nearTies,
        long realDifferences) {
    public static final int COLUMNS = 400;
    public static final byte SAME = 0;
    /** A later codebook of a frame whose first difference is earlier. */
    public static final byte FOLLOWS = 1;
    public static final byte NEAR_TIE = 2;
    public static final byte REAL = 3;

    /**
     * The map of two codes compared by {@code result}; null when their layouts differ (chunks or codebooks), which
     * the result says in words.
     *
     * @param tieMargin the near-tie rule's margin ({@link CodeComparison.Margin#nearTie}); a difference without a
     *     margin (verify does not compute them) is real
     */
    public static CodeMap of(EncodedAudio expected, EncodedAudio actual, CodeComparison.Result result,
            double tieMargin) {
        if (!result.structure().isEmpty() || expected.chunks() == 0) {
            return null;
        }
        int codebooks = expected.codebooks();
        int[] offset = new int[expected.chunks() + 1];
        for (int k = 0; k < expected.chunks(); k++) {
            offset[k + 1] = offset[k] + expected.codes().get(k)[0].length;
        }
        int frames = offset[expected.chunks()];
        int columns = Math.max(1, Math.min(COLUMNS, frames));
        byte[] states = new byte[codebooks * columns];
        for (int k = 0; k < expected.chunks(); k++) {
            long[][] e = expected.codes().get(k);
            long[][] a = actual.codes().get(k);
            for (int t = 0; t < e[0].length; t++) {
                int col = (int) ((long) (offset[k] + t) * columns / Math.max(1, frames));
                for (int q = 0; q < codebooks; q++) {
                    if (e[q][t] != a[q][t]) {
                        mark(states, q * columns + col, FOLLOWS); // the first of the frame is set below
                    }
                }
            }
        }
        for (CodeComparison.Mismatch m : result.mismatches()) {
            int col = (int) ((long) (offset[m.chunk()] + m.frame()) * columns / Math.max(1, frames));
            mark(states, m.codebook() * columns + col, m.nearTie(tieMargin) ? NEAR_TIE : REAL);
        }
        return new CodeMap(codebooks, frames, columns, states, java.util.Arrays.copyOfRange(offset, 1,
                expected.chunks()), result.nearTies(tieMargin), result.realDifferences(tieMargin));
    }

    /** A column keeps its worst state: real over near tie over follows over same. */
    private static void mark(byte[] states, int i, byte state) {
        states[i] = (byte) Math.max(states[i], state);
    }

    public byte at(int codebook, int column) {
        return states[codebook * columns + column];
    }

    /** True when every code agrees. */
    public boolean allSame() {
        for (byte s : states) {
            if (s != SAME) {
                return false;
            }
        }
        return true;
    }
}
