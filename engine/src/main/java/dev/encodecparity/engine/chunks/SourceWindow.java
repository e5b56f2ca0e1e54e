package dev.encodecparity.engine.chunks;

import dev.encodecparity.audio.AudioSource;

/**
 * A sliding window over an {@link AudioSource}: the samples a streamed step needs next, read on demand and dropped
 * once no later step needs them, so that a clip of any length passes through in memory proportional to the steps'
 * reach, not to the clip. Positions are frames from the start of the clip; positions before 0 or at or after the end
 * read as zeros (the padding a convolution or a resampler puts around the clip).
 */
public final class SourceWindow {
    private final AudioSource source;
    private final int channels;
    private final long frames;
    private float[][] buffer;
    private long start; // clip position of buffer[c][0]
    private int size; // valid samples in the buffer

    public SourceWindow(AudioSource source) {
        this.source = source;
        this.channels = source.channels();
        this.frames = source.frames();
        this.buffer = new float[channels][1 << 12];
    }

    /** Frames in the whole clip. */
    public long frames() {
        return frames;
    }

    public int channels() {
        return channels;
    }

    /**
     * Samples {@code [offset, offset + n)} of every channel, channel after channel ({@code [channels * n]}, C order),
     * zeros outside the clip. {@code offset} must not be before what {@link #discardBefore} dropped.
     */
    public float[] cut(long offset, int n) {
        long from = Math.max(0, offset);
        long to = Math.min(frames, offset + n);
        fill(to);
        if (from < to && from < start) {
            throw new IllegalStateException("samples from " + from + " were dropped (the window starts at " + start
                    + ")");
        }
        float[] flat = new float[Math.multiplyExact(channels, n)];
        if (from < to) {
            int count = (int) (to - from);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(buffer[c], (int) (from - start), flat, c * n + (int) (from - offset), count);
            }
        }
        return flat;
    }

    /** Drops the samples before {@code position}: no later {@link #cut} reaches them. */
    public void discardBefore(long position) {
        long drop = Math.min(Math.max(0, position - start), size);
        if (drop > 0) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(buffer[c], (int) drop, buffer[c], 0, size - (int) drop);
            }
            size -= (int) drop;
            start += drop;
        }
    }

    /** Reads from the source until the window reaches {@code end} (at most the clip's end). */
    private void fill(long end) {
        long need = Math.min(end, frames) - start;
        if (need <= size) {
            return;
        }
        if (need > buffer[0].length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * buffer[0].length));
            float[][] grown = new float[channels][capacity];
            for (int c = 0; c < channels; c++) {
                System.arraycopy(buffer[c], 0, grown[c], 0, size);
            }
            buffer = grown;
        }
        while (size < need) {
            int read = source.read(buffer, size, (int) need - size);
            if (read <= 0) {
                throw new IllegalStateException("the audio source ended at frame " + (start + size) + " of "
                        + frames);
            }
            size += read;
        }
    }
}
