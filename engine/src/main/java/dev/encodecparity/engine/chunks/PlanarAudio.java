package dev.encodecparity.engine.chunks;

/**
 * Audio as the codec's callers hold it, {@code [channels][samples]}, to and from the C-order {@code [channels * n]}
 * arrays that tensors are created from and read into.
 */
public final class PlanarAudio {
    private PlanarAudio() {
    }

    /** Samples {@code offset .. offset + n} of every channel, channel after channel. */
    public static float[] cut(float[][] audio, int offset, int n) {
        float[] flat = new float[Math.multiplyExact(audio.length, n)];
        for (int c = 0; c < audio.length; c++) {
            System.arraycopy(audio[c], offset, flat, c * n, n);
        }
        return flat;
    }

    /** {@code [channels * n]} in C order back to {@code [channels][n]}. */
    public static float[][] split(float[] flat, int channels) {
        if (flat.length % channels != 0) {
            throw new IllegalArgumentException(flat.length + " values are not " + channels + " equal channels");
        }
        int n = flat.length / channels;
        float[][] out = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(flat, c * n, out[c], 0, n);
        }
        return out;
    }

    /** {@code [channels][n]} to {@code [channels * n]} in C order (channels of equal length). */
    public static float[] join(float[][] audio) {
        return cut(audio, 0, audio.length == 0 ? 0 : audio[0].length);
    }
}
