package dev.encodecparity.plot;

/**
 * The two decodes of a row, overlaid, and their difference: envelopes of the whole clip, and every sample of the
 * region around the largest difference, where a reader looks first.
 *
 * @param sampleRate Hz
 * @param samples per channel compared (the shorter decode's length when they differ)
 * @param lengthsDiffer the two decodes differ in length or channels
 * @param a the first decode (the original model's, or the golden audio)
 * @param b the second decode (the converted model's, or today's)
 * @param difference {@code b - a}
 * @param zoom the region of the largest difference, or null when the decodes are identical
 */
public record Waveform(int sampleRate, int samples, boolean lengthsDiffer, Envelope a, Envelope b,
        Envelope difference, Zoom zoom) {
    /** Envelope columns: the chart's width in pixels. */
    public static final int COLUMNS = 400;
    /** Samples in the zoomed region. */
    public static final int ZOOM_SAMPLES = 240;

    /**
     * Every sample of a short region of one channel.
     *
     * @param channel where the largest difference is
     * @param start its first sample
     * @param largest the sample of the largest difference
     * @param maxAbsDifference the largest difference
     */
    public record Zoom(int channel, int start, int largest, double maxAbsDifference, float[] a, float[] b) {
        /** {@code b - a} sample by sample. */
        public float[] difference() {
            float[] d = new float[a.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = b[i] - a[i];
            }
            return d;
        }
    }

    public static Waveform of(float[][] a, float[][] b, int sampleRate) {
        int channels = Math.min(a.length, b.length);
        int n = channels == 0 ? 0 : Math.min(a[0].length, b[0].length);
        boolean differ = a.length != b.length || (channels > 0 && a[0].length != b[0].length);
        return new Waveform(sampleRate, n, differ, Envelope.of(a, COLUMNS), Envelope.of(b, COLUMNS),
                Envelope.difference(a, b, COLUMNS), zoom(a, b, channels, n));
    }

    private static Zoom zoom(float[][] a, float[][] b, int channels, int n) {
        double max = 0;
        int at = -1;
        int channel = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                double d = Math.abs((double) b[c][i] - a[c][i]);
                if (d > max) { // NaN is never larger: a broken decode zooms on its largest finite difference
                    max = d;
                    at = i;
                    channel = c;
                }
            }
        }
        if (at < 0) {
            return null;
        }
        int width = Math.min(ZOOM_SAMPLES, n);
        int start = Math.max(0, Math.min(n - width, at - width / 2));
        return new Zoom(channel, start, at, max, java.util.Arrays.copyOfRange(a[channel], start, start + width),
                java.util.Arrays.copyOfRange(b[channel], start, start + width));
    }
}
