package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.model.ModelSource;

/**
 * The long-lived arrays of one model, on its device, in one manager that is capped once the model is built: from then
 * on any operation that would attach a result to it (a weight used as an op's first argument) throws instead of
 * silently growing it over a long run.
 */
final class Weights implements AutoCloseable {
    private final NDManager manager;
    private final ModelSource source;
    private boolean closed;

    Weights(ModelSource source, ComputeDevice device) {
        this.manager = NDManager.newBaseManager(device.device());
        this.manager.setName("encodec-weights");
        this.source = source;
    }

    /**
     * {@code g * v / ||v||} per slice along dim 0 (see {@link #weightNorm}). {@code v} is taken before {@code g}: the
     * load order numbers a tensor in verify's broken-model report, so it stays what it was.
     */
    float[] weightNormed(String v, String g, long[] vShape) {
        return weightNorm(source.take(v), source.take(g), vShape);
    }

    /** A tensor's values as stored. */
    float[] values(String name) {
        return source.take(name);
    }

    NDArray create(float[] values, long... shape) {
        checkOpen();
        return manager.create(values, new Shape(shape));
    }

    NDManager manager() {
        checkOpen();
        return manager;
    }

    /** Built: nothing may attach to the weights any more. */
    void seal() {
        checkOpen();
        source.finishTaking();
        manager.cap();
    }

    /**
     * {@code torch._weight_norm(v, g, dim=0)}: each slice along dim 0 scaled to norm g, as {@code v * (g / ||v||)}.
     * The norm is accumulated in double, so it is within an ulp of torch's float accumulation.
     */
    static float[] weightNorm(float[] v, float[] g, long[] shape) {
        int rows = (int) shape[0];
        int per = v.length / rows;
        float[] w = new float[v.length];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = r * per; i < (r + 1) * per; i++) {
                sum += (double) v[i] * v[i];
            }
            float factor = g[r] / (float) Math.sqrt(sum);
            for (int i = r * per; i < (r + 1) * per; i++) {
                w[i] = v[i] * factor;
            }
        }
        return w;
    }

    /** The arrays are native memory: using them after close would read freed memory or fail deep in libtorch. */
    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the model's weights are closed");
        }
    }

    /** Frees the arrays; closing again does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
