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
 * <p>Chunks arrive one at a time, in order, as {@code [channels][n]} in C order. Once chunk {@code k} is added, no
 * later chunk reaches the samples before {@code (k + 1) * stride}: they are final, divided and handed to the
 * {@link Output} in order, and the sums keep only one chunk's span, so a streamed clip of any length is joined in
 * bounded memory. Without an output the joined clip is collected for {@link #result()}.
 */
public final class OverlapAdd {
    /** Receives the joined clip in order, {@code block[c][0 .. n)} at a time (the block is not reused). */
    @FunctionalInterface
    public interface Output {
        void accept(float[][] block, int n);
    }

    private final float[] window;
    private final int stride;
    private final int channels;
    private final int[] lengths;
    private final int total;
    private final Output output;
    private final float[][] sum; // the weighted sums of samples base .. base + capacity
    private final float[] weightSum;
    private float[][] collected; // without an output: the whole clip
    private long base;
    private int added;
    private boolean done;

    /** Collecting the joined clip for {@link #result()}; see {@link #OverlapAdd(float[], int, int, int[], Output)}. */
    public OverlapAdd(float[] window, int stride, int channels, int[] lengths) {
        this(window, stride, channels, lengths, null);
    }

    /**
     * @param window the weights of the first chunk's length, {@code 0.5 - |t - 0.5|} over
     *     {@code linspace(0, 1, N + 2)[1:-1]}
     * @param stride samples between chunk starts
     * @param channels channels of every chunk
     * @param lengths every chunk's length in samples per channel, in order
     * @param output receives the joined samples as they become final, or null to collect them
     */
    public OverlapAdd(float[] window, int stride, int channels, int[] lengths, Output output) {
        if (lengths.length == 0 || channels < 1 || stride < 1) {
            throw new IllegalArgumentException(lengths.length + " chunks, " + channels + " channels, stride " + stride);
        }
        this.window = window.clone();
        this.stride = stride;
        this.channels = channels;
        this.lengths = lengths.clone();
        this.total = totalLength(stride, lengths);
        int capacity = Math.max(window.length, stride);
        this.sum = new float[channels][capacity];
        this.weightSum = new float[capacity];
        if (output == null) {
            float[][] whole = new float[channels][total];
            this.collected = whole;
            this.output = new Output() {
                private int at;

                @Override
                public void accept(float[][] block, int n) {
                    for (int c = 0; c < channels; c++) {
                        System.arraycopy(block[c], 0, whole[c], at, n);
                    }
                    at += n;
                }
            };
        } else {
            this.output = output;
        }
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
        int offset = (int) ((long) added * stride - base); // 0: everything before this chunk was handed on
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
        handOn(added == lengths.length ? total : Math.min(total, (long) added * stride));
    }

    /** Divides the samples before {@code end} by their summed weights, hands them on and forgets them. */
    private void handOn(long end) {
        int n = (int) (end - base);
        if (n <= 0) {
            return;
        }
        float[][] block = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            float[] row = sum[c];
            for (int j = 0; j < n; j++) {
                block[c][j] = row[j] / weightSum[j];
            }
            System.arraycopy(row, n, row, 0, row.length - n);
            java.util.Arrays.fill(row, row.length - n, row.length, 0f);
        }
        System.arraycopy(weightSum, n, weightSum, 0, weightSum.length - n);
        java.util.Arrays.fill(weightSum, weightSum.length - n, weightSum.length, 0f);
        base = end;
        output.accept(block, n);
    }

    /**
     * The joined clip, {@code [channels][total]}, when no output was given: the weighted sums divided by the summed
     * weights. Once only.
     */
    public float[][] result() {
        if (added != lengths.length) {
            throw new IllegalStateException(added + " of " + lengths.length + " chunks were added");
        }
        if (done || collected == null) {
            throw new IllegalStateException(collected == null ? "the joined clip went to the output"
                    : "the result was taken");
        }
        done = true;
        float[][] out = collected;
        collected = null;
        return out;
    }
}
