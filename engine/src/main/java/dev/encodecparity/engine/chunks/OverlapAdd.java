package dev.encodecparity.engine.chunks;

/**
 * The original's linear overlap-add ({@code _linear_overlap_add}), which joins a clip's decoded chunks: chunk
 * {@code i} starts at {@code i * stride}; {@code out[off:off+n] += w[:n] * frame} and {@code sum[off:off+n] += w[:n]}
 * chunk after chunk, then {@code out / sum}. The weights {@code w} are the first chunk's triangular window; they come
 * from {@code torch.linspace}, whose rounding a plain loop does not reproduce, so the caller computes them with torch
 * and hands them in. Everything else is done here in float32, one rounding per operation as torch does it, so the
 * result is bit-identical (a sample covered once comes out as {@code (w * f) / w}, which can differ from {@code f} by
 * an ulp, as in the original). Samples no chunk covers are {@code 0 / 0}, NaN, as in torch.
 *
 * <p>Chunks arrive one at a time, in order, as {@code [channels][n]} in C order, so that only the sums and one chunk
 * are held.
 */
public final class OverlapAdd {
    private final float[] window;
    private final int stride;
    private final int channels;
    private final int[] lengths;
    private final int total;
    private final float[][] sum;
    private final float[] weightSum;
    private int added;
    private boolean done;

    /**
     * @param window the weights of the first chunk's length, {@code 0.5 - |t - 0.5|} over
     *     {@code linspace(0, 1, N + 2)[1:-1]}
     * @param stride samples between chunk starts
     * @param channels channels of every chunk
     * @param lengths every chunk's length in samples per channel, in order
     */
    public OverlapAdd(float[] window, int stride, int channels, int[] lengths) {
        if (lengths.length == 0 || channels < 1 || stride < 1) {
            throw new IllegalArgumentException(lengths.length + " chunks, " + channels + " channels, stride " + stride);
        }
        this.window = window.clone();
        this.stride = stride;
        this.channels = channels;
        this.lengths = lengths.clone();
        this.total = totalLength(stride, lengths);
        this.sum = new float[channels][total];
        this.weightSum = new float[total];
    }

    /**
     * Samples per channel of the joined clip: where the chunk that reaches furthest ends, {@code i * stride + n_i}
     * (the original's {@code stride * (chunks - 1) + n_last} when no chunk is longer than the last one's reach).
     */
    public static int totalLength(int stride, int[] lengths) {
        long total = 0;
        for (int i = 0; i < lengths.length; i++) {
            total = Math.max(total, (long) stride * i + lengths[i]);
        }
        return Math.toIntExact(total);
    }

    public int totalLength() {
        return total;
    }

    /** Adds the next chunk, {@code [channels][n]} in C order with {@code n} its planned length. */
    public void add(float[] frame) {
        if (added >= lengths.length) {
            throw new IllegalStateException("all " + lengths.length + " chunks were added");
        }
        int n = lengths[added];
        if (frame.length != channels * n) {
            throw new IllegalArgumentException("chunk " + added + " has " + frame.length + " values, expected "
                    + channels + " x " + n);
        }
        if (n > window.length) {
            // The original's weight[:n] * frame fails the same way: the window is as long as the first chunk.
            throw new IllegalArgumentException("chunk " + added + " has " + n + " samples, more than the first chunk's "
                    + window.length + " the overlap-add weights cover");
        }
        int offset = added * stride;
        for (int c = 0; c < channels; c++) {
            int from = c * n;
            float[] row = sum[c];
            for (int j = 0; j < n; j++) {
                float weighted = window[j] * frame[from + j];
                row[offset + j] = row[offset + j] + weighted;
            }
        }
        for (int j = 0; j < n; j++) {
            weightSum[offset + j] = weightSum[offset + j] + window[j];
        }
        added++;
    }

    /**
     * The joined clip, {@code [channels][total]}: the weighted sums divided by the summed weights, in place (the sums
     * become the result, so a long clip's audio is held once more, not twice). Once only.
     */
    public float[][] result() {
        if (added != lengths.length) {
            throw new IllegalStateException(added + " of " + lengths.length + " chunks were added");
        }
        if (done) {
            throw new IllegalStateException("the result was taken");
        }
        done = true;
        for (float[] row : sum) {
            for (int j = 0; j < total; j++) {
                row[j] = row[j] / weightSum[j];
            }
        }
        return sum;
    }
}
