package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** Inputs and the comparison the convolution tests share ({@link ConvolutionFormsTest}, {@link ChannelsLastTest}). */
final class ConvolutionCases {
    private ConvolutionCases() {
    }

    /** Unit normals {@code [a][b][c]}, seeded by the shape and {@code seed}. */
    static float[][][] random(int a, int b, int c, long seed) {
        Random r = new Random(seed * 7919 + (long) a * 31 + b * 17L + c);
        float[][][] v = new float[a][b][c];
        for (float[][] plane : v) {
            for (float[] row : plane) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) r.nextGaussian();
                }
            }
        }
        return v;
    }

    /** {@code v} in row-major order, as torch stores {@code [a, b, c]}. */
    static float[] flat(float[][][] v) {
        int rows = v[0].length;
        int k = v[0][0].length;
        float[] f = new float[v.length * rows * k];
        for (int o = 0; o < v.length; o++) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(v[o][i], 0, f, (o * rows + i) * k, k);
            }
        }
        return f;
    }

    static NDArray array(NDManager manager, float[][][] v) {
        return manager.create(flat(v), new Shape(v.length, v[0].length, v[0][0].length));
    }

    /**
     * The same shape, every value within 1e-4 of the definition's (and none NaN): sums of up to 64 x 7 products of
     * unit normals, whose float32 rounding stays far below that, while a wrong tap or channel is off by about 1.
     */
    static void assertClose(float[][][] want, float[][][] got, String what) {
        assertEquals(want.length, got.length, what);
        double maxErr = 0;
        for (int b = 0; b < want.length; b++) {
            assertEquals(want[b].length, got[b].length, what + " channels");
            for (int c = 0; c < want[b].length; c++) {
                assertEquals(want[b][c].length, got[b][c].length, what + " length");
                for (int t = 0; t < want[b][c].length; t++) {
                    double e = Math.abs(want[b][c][t] - got[b][c][t]);
                    maxErr = e > maxErr || Double.isNaN(e) ? e : maxErr;
                }
            }
        }
        assertTrue(maxErr <= 1e-4, what + ": max error " + maxErr);
    }
}
