package dev.encodecparity.compare;

import dev.encodecparity.engine.Tracer;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the first module whose output differs between two runs of the same input. The first run is recorded with
 * {@link #recorder}; the second is checked against it as it goes with {@link #checker}, so only one run's activations
 * are held at a time.
 */
public final class LayerTrace {
    /** One module's output. */
    public record Entry(int chunk, String module, String kind, long[] shape, float[] values) {
    }

    /**
     * Where two runs first part.
     *
     * @param previous the module before it, whose output was still bit-identical (null when it is the first)
     * @param maxAbsDifference largest difference of the outputs, or NaN when their shapes differ
     * @param differing how many output values differ
     */
    public record Divergence(int chunk, String module, String kind, String previous, long[] shapeA, long[] shapeB,
            double maxAbsDifference, long differing, long size) {
    }

    private final List<Entry> recorded = new ArrayList<>();
    private int position;
    private Divergence divergence;
    private String lastEqual;

    /** Records every module of the first run. */
    public Tracer recorder() {
        return (chunk, module, kind, shape, values) -> recorded.add(new Entry(chunk, module, kind, shape, values));
    }

    /** Compares every module of the second run with the first; remembers the first that differs. */
    public Tracer checker() {
        return (chunk, module, kind, shape, values) -> {
            if (divergence != null) {
                return;
            }
            if (position >= recorded.size()) {
                divergence = new Divergence(chunk, module, kind, lastEqual, null, shape, Double.NaN, values.length,
                        values.length);
                return;
            }
            Entry a = recorded.get(position++);
            if (!a.module().equals(module) || a.chunk() != chunk || !java.util.Arrays.equals(a.shape(), shape)) {
                divergence = new Divergence(chunk, module, kind, lastEqual, a.shape(), shape, Double.NaN,
                        values.length, values.length);
                return;
            }
            double max = 0;
            long count = 0;
            for (int i = 0; i < values.length; i++) {
                float x = a.values()[i];
                float y = values[i];
                if (Float.floatToIntBits(x) != Float.floatToIntBits(y)) {
                    count++;
                    max = Math.max(max, Math.abs((double) x - y));
                }
            }
            if (count > 0) {
                divergence = new Divergence(chunk, module, kind, lastEqual, a.shape(), shape, max, count,
                        values.length);
            } else {
                lastEqual = module;
            }
        };
    }

    /** The first difference, or null when the second run matched the first module for module. */
    public Divergence divergence() {
        if (divergence == null && position < recorded.size()) {
            Entry a = recorded.get(position);
            return new Divergence(a.chunk(), a.module(), a.kind(), lastEqual, a.shape(), null, Double.NaN, 0, 0);
        }
        return divergence;
    }
}
