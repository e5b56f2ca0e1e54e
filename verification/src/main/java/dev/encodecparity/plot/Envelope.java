package dev.encodecparity.plot;

/**
 * A signal drawn the way a long clip fits a chart: for each pixel column, the smallest and largest sample it covers
 * (over every channel), so a peak of one sample is still seen and a clip of an hour costs what a second does.
 *
 * @param min per column
 * @param max per column
 * @param samples how many samples the columns cover together
 */
public record Envelope(float[] min, float[] max, int samples) {
    /** Reads a sample of one channel. */
    @FunctionalInterface
    interface Signal {
        float at(int channel, int sample);
    }

    /** {@code audio [channels][samples]} in at most {@code columns} columns. */
    public static Envelope of(float[][] audio, int columns) {
        return of((c, i) -> audio[c][i], audio.length, audio.length == 0 ? 0 : audio[0].length, columns);
    }

    /** {@code b - a} over the channels and samples both have, in at most {@code columns} columns. */
    public static Envelope difference(float[][] a, float[][] b, int columns) {
        int channels = Math.min(a.length, b.length);
        int n = channels == 0 ? 0 : Math.min(a[0].length, b[0].length);
        return of((c, i) -> b[c][i] - a[c][i], channels, n, columns);
    }

    static Envelope of(Signal s, int channels, int n, int columns) {
        int cols = Math.max(0, Math.min(columns, n));
        float[] lo = new float[cols];
        float[] hi = new float[cols];
        for (int col = 0; col < cols; col++) {
            int from = (int) ((long) col * n / cols);
            int to = (int) ((long) (col + 1) * n / cols);
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < channels; c++) {
                for (int i = from; i < to; i++) {
                    float v = s.at(c, i);
                    if (Float.isFinite(v)) { // a broken model's NaN would hide the rest of its column
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            lo[col] = min <= max ? min : 0;
            hi[col] = min <= max ? max : 0;
        }
        return new Envelope(lo, hi, n);
    }

    public int columns() {
        return min.length;
    }

    /** The largest magnitude of any column (0 for silence). */
    public double peak() {
        double p = 0;
        for (int i = 0; i < min.length; i++) {
            p = Math.max(p, Math.max(Math.abs(min[i]), Math.abs(max[i])));
        }
        return p;
    }
}
