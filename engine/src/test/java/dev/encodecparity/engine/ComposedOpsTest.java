package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.audio.NdArray;
import dev.encodecparity.audio.NpzReader;
import dev.encodecparity.reference.ReferenceOps;
import dev.encodecparity.spec.PadMode;
import dev.encodecparity.testing.TestData;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each composed op three ways on the same inputs: DJL composition ({@link Ops}), plain Java ({@link ReferenceOps}),
 * and torch itself (testdata/ops/ops.npz, made by testdata/scripts/make_op_goldens.py).
 */
class ComposedOpsTest {
    private static Map<String, NdArray> ops;
    private static NDManager manager;

    @BeforeAll
    static void load() {
        ops = NpzReader.read(TestData.path("ops/ops.npz"));
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void transposedConvolution(int i) {
        String p = "convtr" + i;
        NdArray x = ops.get(p + ".x");
        NdArray w = ops.get(p + ".w");
        float[] b = ops.get(p + ".b").floatData();
        int stride = (int) ops.get(p + ".stride").longData()[0];
        float[][][] torch = cube(ops.get(p + ".y"));
        int cin = (int) w.dim(0);
        int cout = (int) w.dim(1);
        int k = (int) w.dim(2);
        int taps = (k + stride - 1) / stride;
        float[] phaseBias = new float[cout * stride];
        for (int o = 0; o < phaseBias.length; o++) {
            phaseBias[o] = b[o / stride];
        }
        NDArray y = Ops.convTranspose1d(array(x), manager.create(Ops.polyphaseWeight(w.floatData(), cin, cout, k,
                stride), new Shape((long) cout * stride, cin, taps)), manager.create(phaseBias), cout, k, stride);
        assertClose(torch, cube(y), 2e-6, p + " DJL composition vs torch");
        assertClose(torch, ReferenceOps.convTranspose1d(cube(x), cube(w), b, stride), 2e-6, p + " reference vs torch");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void groupNorm(int i) {
        String p = "groupnorm" + i;
        NdArray x = ops.get(p + ".x");
        float[] g = ops.get(p + ".gamma").floatData();
        float[] b = ops.get(p + ".beta").floatData();
        float[][][] torch = cube(ops.get(p + ".y"));
        NDArray y = Ops.groupNorm1(array(x), manager.create(g, new Shape(g.length, 1)),
                manager.create(b, new Shape(b.length, 1)), 1e-5);
        assertClose(torch, cube(y), 2e-6, p + " DJL composition vs torch");
        NDArray over = array(x);
        NDArray inPlace = Ops.groupNorm1InPlace(over, manager.create(g, new Shape(g.length, 1)),
                manager.create(b, new Shape(b.length, 1)), 1e-5, false);
        assertArrayEquals(y.toFloatArray(), inPlace.toFloatArray(), p + " in place vs not");
        assertArrayEquals(y.toFloatArray(), over.toFloatArray(), p + ": the in-place form writes over its input");
        assertClose(torch, ReferenceOps.groupNorm1(cube(x), g, b, 1e-5), 2e-6, p + " reference vs torch");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void reflectPaddingIsExact(int i) {
        String p = "reflect" + i;
        NdArray x = ops.get(p + ".x");
        int left = (int) ops.get(p + ".left").longData()[0];
        int right = (int) ops.get(p + ".right").longData()[0];
        float[][][] torch = cube(ops.get(p + ".y"));
        float[][][] djl = cube(Ops.pad1d(array(x), left, right, PadMode.REFLECT));
        float[][][] ref = ReferenceOps.reflectPad(cube(x), left, right);
        for (int c = 0; c < torch[0].length; c++) {
            assertArrayEquals(torch[0][c], djl[0][c], p + " DJL");
            assertArrayEquals(torch[0][c], ref[0][c], p + " reference");
        }
    }

    /**
     * The quantizer's {@code |x|^2} and {@code |e|^2} and the 48 kHz chunk scale square with {@link Ops#square}, which
     * must give what torch's {@code pow(2)} gives: the product rounded once, as Java's float multiplication rounds it.
     */
    @Test
    void squareIsTheProductRoundedOnce() {
        Random r = new Random(7);
        float[] x = new float[300_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * Math.pow(10, (i % 3 - 1) * 15)); // around 1e-15, 1 and 1e15
        }
        float[] got = Ops.square(manager.create(x)).toFloatArray();
        for (int i = 0; i < x.length; i++) {
            if (got[i] != x[i] * x[i]) {
                throw new AssertionError("square of " + x[i] + ": " + got[i] + ", rounded product " + x[i] * x[i]);
            }
        }
    }

    private static void assertClose(float[][][] want, float[][][] got, double relTol, String what) {
        assertEquals(want.length, got.length, what);
        double peak = 0;
        double maxErr = 0;
        for (int b = 0; b < want.length; b++) {
            for (int c = 0; c < want[b].length; c++) {
                assertEquals(want[b][c].length, got[b][c].length, what + " length");
                for (int t = 0; t < want[b][c].length; t++) {
                    peak = Math.max(peak, Math.abs(want[b][c][t]));
                    maxErr = Math.max(maxErr, Math.abs(want[b][c][t] - got[b][c][t]));
                }
            }
        }
        assertTrue(maxErr <= relTol * Math.max(peak, 1), what + ": max error " + maxErr + " with peak " + peak);
    }

    private static NDArray array(NdArray a) {
        return manager.create(a.floatData(), new Shape(a.shape()));
    }

    static float[][][] cube(NDArray a) {
        long[] s = a.getShape().getShape();
        return cube(a.toFloatArray(), s);
    }

    static float[][][] cube(NdArray a) {
        return cube(a.floatData(), a.shape());
    }

    private static float[][][] cube(float[] flat, long[] s) {
        float[][][] out = new float[(int) s[0]][(int) s[1]][(int) s[2]];
        int n = 0;
        for (float[][] plane : out) {
            for (float[] row : plane) {
                System.arraycopy(flat, n, row, 0, row.length);
                n += row.length;
            }
        }
        return out;
    }
}
