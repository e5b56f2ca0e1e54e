package dev.encodecparity.reference;

/**
 * Plain, slow, obviously correct versions of the operations {@code dev.encodecparity.engine.Ops} composes from DJL
 * primitives, written straight from their definitions with double accumulation. Tests run both on the same inputs.
 * Arrays are {@code [batch][channels][time]}; weights as torch stores them.
 */
public final class ReferenceOps {
    private ReferenceOps() {
    }

    /** torch's reflect padding, with the original EnCodec rule for inputs no longer than the padding. */
    public static float[][][] reflectPad(float[][][] x, int left, int right) {
        int n = x[0][0].length;
        int maxPad = Math.max(left, right);
        if (n <= maxPad) {
            int extra = maxPad - n + 1;
            float[][][] padded = reflectPad(constantPad(x, 0, extra), left, right);
            return trimRight(padded, extra);
        }
        float[][][] out = new float[x.length][x[0].length][n + left + right];
        for (int b = 0; b < x.length; b++) {
            for (int c = 0; c < x[b].length; c++) {
                for (int i = 0; i < n + left + right; i++) {
                    int j = i - left;
                    if (j < 0) {
                        j = -j; // mirror around sample 0, which is not repeated
                    } else if (j >= n) {
                        j = 2 * (n - 1) - j;
                    }
                    out[b][c][i] = x[b][c][j];
                }
            }
        }
        return out;
    }

    public static float[][][] constantPad(float[][][] x, int left, int right) {
        int n = x[0][0].length;
        float[][][] out = new float[x.length][x[0].length][n + left + right];
        for (int b = 0; b < x.length; b++) {
            for (int c = 0; c < x[b].length; c++) {
                System.arraycopy(x[b][c], 0, out[b][c], left, n);
            }
        }
        return out;
    }

    private static float[][][] trimRight(float[][][] x, int k) {
        float[][][] out = new float[x.length][x[0].length][];
        for (int b = 0; b < x.length; b++) {
            for (int c = 0; c < x[b].length; c++) {
                out[b][c] = java.util.Arrays.copyOf(x[b][c], x[b][c].length - k);
            }
        }
        return out;
    }

    /** Convolution without padding: {@code y[o][t] = b[o] + sum_{i,k} w[o][i][k] x[i][t*s + k*d]}. */
    public static float[][][] conv1d(float[][][] x, float[][][] w, float[] bias, int stride, int dilation) {
        int n = x[0][0].length;
        int k = w[0][0].length;
        int span = (k - 1) * dilation + 1;
        int outLen = (n - span) / stride + 1;
        float[][][] y = new float[x.length][w.length][outLen];
        for (int b = 0; b < x.length; b++) {
            for (int o = 0; o < w.length; o++) {
                for (int t = 0; t < outLen; t++) {
                    double s = bias[o];
                    for (int i = 0; i < w[o].length; i++) {
                        for (int j = 0; j < k; j++) {
                            s += (double) w[o][i][j] * x[b][i][t * stride + j * dilation];
                        }
                    }
                    y[b][o][t] = (float) s;
                }
            }
        }
        return y;
    }

    /**
     * Transposed convolution from its definition: every input sample scatters its kernel into the output,
     * {@code y[o][t*s + k] += w[i][o][k] x[i][t]}; length {@code (T - 1) * s + K}.
     */
    public static float[][][] convTranspose1d(float[][][] x, float[][][] w, float[] bias, int stride) {
        int n = x[0][0].length;
        int out = w[0].length;
        int k = w[0][0].length;
        double[][][] acc = new double[x.length][out][(n - 1) * stride + k];
        for (int b = 0; b < x.length; b++) {
            for (int i = 0; i < w.length; i++) {
                for (int t = 0; t < n; t++) {
                    for (int o = 0; o < out; o++) {
                        for (int j = 0; j < k; j++) {
                            acc[b][o][t * stride + j] += (double) w[i][o][j] * x[b][i][t];
                        }
                    }
                }
            }
        }
        float[][][] y = new float[x.length][out][acc[0][0].length];
        for (int b = 0; b < x.length; b++) {
            for (int o = 0; o < out; o++) {
                for (int t = 0; t < y[b][o].length; t++) {
                    y[b][o][t] = (float) (acc[b][o][t] + bias[o]);
                }
            }
        }
        return y;
    }

    /** GroupNorm with one group: normalise each sample over all (C, T), biased variance, then per-channel affine. */
    public static float[][][] groupNorm1(float[][][] x, float[] gamma, float[] beta, double eps) {
        float[][][] y = new float[x.length][x[0].length][x[0][0].length];
        for (int b = 0; b < x.length; b++) {
            double sum = 0;
            long count = 0;
            for (float[] row : x[b]) {
                for (float v : row) {
                    sum += v;
                    count++;
                }
            }
            double mean = sum / count;
            double sq = 0;
            for (float[] row : x[b]) {
                for (float v : row) {
                    sq += (v - mean) * (v - mean);
                }
            }
            double rstd = 1 / Math.sqrt(sq / count + eps);
            for (int c = 0; c < x[b].length; c++) {
                for (int t = 0; t < x[b][c].length; t++) {
                    y[b][c][t] = (float) ((x[b][c][t] - mean) * rstd * gamma[c] + beta[c]);
                }
            }
        }
        return y;
    }
}
