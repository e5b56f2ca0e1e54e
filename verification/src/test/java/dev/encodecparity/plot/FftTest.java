package dev.encodecparity.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The page's FFT against the definition, a naive DFT, on random frames of every size a spectrogram uses. */
class FftTest {
    /** {@code X[k] = sum x[n] e^(-2 pi i k n / N)}, term by term: slow and plainly right. */
    static double[][] naiveDft(double[] re, double[] im) {
        int n = re.length;
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * ((long) k * t % n) / n;
                outRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
                outIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
            }
        }
        return new double[][] {outRe, outIm};
    }

    @Test
    void agreesWithANaiveDft() {
        Random r = new Random(20);
        for (int n = 1; n <= 512; n <<= 1) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = r.nextGaussian();
                im[i] = r.nextGaussian();
            }
            double[][] want = naiveDft(re, im);
            Fft.transform(re, im);
            double tol = 1e-9 * n;
            assertArrayEquals(want[0], re, tol, "real part, n = " + n);
            assertArrayEquals(want[1], im, tol, "imaginary part, n = " + n);
        }
    }

    @Test
    void powerOfARealFrameAndASine() {
        Random r = new Random(7);
        double[] x = new double[64];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[][] want = naiveDft(x, new double[x.length]);
        double[] p = Fft.power(x);
        assertEquals(33, p.length);
        for (int k = 0; k < p.length; k++) {
            assertEquals(want[0][k] * want[0][k] + want[1][k] * want[1][k], p[k], 1e-9, "bin " + k);
        }
        double[] sine = new double[128];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = Math.sin(2 * Math.PI * 5 * i / sine.length);
        }
        double[] ps = Fft.power(sine);
        assertEquals(64.0 * 64.0, ps[5], 1e-6); // (N/2)^2 at its own bin, nothing elsewhere
        assertEquals(0.0, ps[4] + ps[6], 1e-12);
    }

    @Test
    void refusesLengthsThatAreNotOnePowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[6], new double[6]));
        assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[8], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[0], new double[0]));
    }
}
