package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The machine's matrix-multiply rate through the same engine, device and threads as the model: a float32
 * {@code n x n} product timed after warm-up, the best of a few runs. The ceiling the codec's GFLOP/s is read against.
 */
public final class MatmulPeak {
    private MatmulPeak() {
    }

    /** GFLOP/s of the best of {@code repeats} products of two {@code n x n} matrices. */
    public static double gflops(ComputeDevice device, int n, int repeats) {
        try (NDManager m = NDManager.newBaseManager(device.device())) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
            a.matMul(b).sum().getFloat(); // warm-up, and a read-back so a GPU has finished
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b); NDArray s = c.sum()) {
                    s.getFloat();
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            return 2.0 * n * n * n / best / 1e9;
        }
    }
}
