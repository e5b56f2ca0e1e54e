package dev.encodecparity.plot;

/**
 * A radix-2 fast Fourier transform in plain Java, for the page's coarse spectrograms: a few hundred short frames per
 * clip, so neither native code nor a library is worth its weight here. Held to a naive DFT by its test.
 */
public final class Fft {
    private Fft() {
    }

    /**
     * The forward transform of {@code re + i im}, in place, unscaled: {@code X[k] = sum x[n] e^(-2 pi i k n / N)}.
     *
     * @throws IllegalArgumentException unless both have the same length, a power of two
     */
    public static void transform(double[] re, double[] im) {
        int n = re.length;
        if (im.length != n || n == 0 || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("lengths " + re.length + " and " + im.length
                    + ": the FFT needs two arrays of one power-of-two length");
        }
        for (int i = 1, j = 0; i < n; i++) { // bit-reversed order, so the butterflies can work in place
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < len / 2; k++) {
                    // the twiddle computed per butterfly, not by recurrence: no drift over long transforms
                    double wr = Math.cos(angle * k);
                    double wi = Math.sin(angle * k);
                    int a = start + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /** {@code |X[k]|^2} for {@code k = 0 .. N/2} of a real frame whose length is a power of two. */
    public static double[] power(double[] frame) {
        double[] re = frame.clone();
        double[] im = new double[frame.length];
        transform(re, im);
        double[] p = new double[frame.length / 2 + 1];
        for (int k = 0; k < p.length; k++) {
            p[k] = re[k] * re[k] + im[k] * im[k];
        }
        return p;
    }
}
