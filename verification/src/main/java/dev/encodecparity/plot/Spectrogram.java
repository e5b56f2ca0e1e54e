package dev.encodecparity.plot;

/**
 * A coarse log-magnitude spectrogram: short Hann-windowed frames ({@link Fft}), half overlapping, over the whole clip
 * (channels averaged), their power averaged into at most {@link #FRAMES} time columns and {@link #BANDS} linear
 * frequency bands. Averaging, not picking frames, so a difference confined to a few milliseconds still shows.
 *
 * @param frames time columns
 * @param bands frequency bands, lowest first
 * @param db power in dB, {@code db[band * frames + frame]}; {@link #SILENT} where there is no power at all
 * @param seconds the clip's length
 * @param nyquistHz the top of the highest band
 */
public record Spectrogram(int frames, int bands, float[] db, double seconds, double nyquistHz) {
    public static final int FRAMES = 64;
    public static final int BANDS = 32;
    /** The FFT length at most: 10.7 ms at 48 kHz. */
    static final int WINDOW = 512;
    /** What a cell without any power holds: below any floor a chart draws. */
    public static final float SILENT = -400f;

    /** {@code audio [channels][samples]} at {@code sampleRate}. */
    public static Spectrogram of(float[][] audio, int sampleRate) {
        int n = audio.length == 0 ? 0 : audio[0].length;
        double[] mono = new double[n];
        for (float[] channel : audio) {
            for (int i = 0; i < n; i++) {
                mono[i] += channel[i] / (double) audio.length;
            }
        }
        return of(mono, sampleRate, FRAMES, BANDS);
    }

    /** The spectrogram of {@code b - a} over the channels and samples both have (channels averaged). */
    public static Spectrogram difference(float[][] a, float[][] b, int sampleRate) {
        int channels = Math.min(a.length, b.length);
        int n = channels == 0 ? 0 : Math.min(a[0].length, b[0].length);
        double[] mono = new double[n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                mono[i] += ((double) b[c][i] - a[c][i]) / channels;
            }
        }
        return of(mono, sampleRate, FRAMES, BANDS);
    }

    static Spectrogram of(double[] x, int sampleRate, int maxFrames, int bands) {
        int window = Integer.highestOneBit(Math.max(2, Math.min(WINDOW, x.length)));
        int hop = window / 2;
        int windows = x.length < window ? 1 : (x.length - window) / hop + 1;
        int frames = Math.min(maxFrames, windows);
        double[] hann = new double[window];
        double gain = 0;
        for (int i = 0; i < window; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / window);
            gain += hann[i];
        }
        int bins = window / 2 + 1;
        double[] power = new double[bands * frames];
        int[] count = new int[bands * frames];
        double[] frame = new double[window];
        for (int w = 0; w < windows; w++) {
            int start = w * hop;
            for (int i = 0; i < window; i++) {
                double v = start + i < x.length ? x[start + i] : 0;
                frame[i] = Double.isFinite(v) ? v * hann[i] : 0;
            }
            double[] p = Fft.power(frame);
            int col = (int) ((long) w * frames / windows);
            for (int k = 0; k < bins; k++) {
                int band = (int) ((long) k * bands / bins);
                power[band * frames + col] += p[k] / (gain * gain);
                count[band * frames + col]++;
            }
        }
        float[] db = new float[power.length];
        for (int i = 0; i < db.length; i++) {
            double mean = count[i] == 0 ? 0 : power[i] / count[i];
            db[i] = mean > 0 ? (float) (10 * Math.log10(mean)) : SILENT;
        }
        return new Spectrogram(frames, bands, db, x.length / (double) sampleRate, sampleRate / 2.0);
    }

    /** The loudest cell in dB ({@link #SILENT} when there is no power anywhere). */
    public float maxDb() {
        float m = SILENT;
        for (float v : db) {
            m = Math.max(m, v);
        }
        return m;
    }

    public float at(int band, int frame) {
        return db[band * frames + frame];
    }
}
