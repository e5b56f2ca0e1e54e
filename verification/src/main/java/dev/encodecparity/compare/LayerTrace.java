package dev.encodecparity.compare;

import dev.encodecparity.engine.Tracer;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the first module whose output differs between two runs of the same input, and how far every module's output
 * differs. The first run is recorded with {@link #recorder}; the second is checked against it as it goes with
 * {@link #checker}, so only one run's activations are held at a time. A sampled trace ({@link #sampled}) keeps a fixed
 * number of evenly spaced values per module: small enough to store beside goldens and compare a later run with
 * ({@link #replay}), at the price of seeing only those values.
 */
public final class LayerTrace {
    /**
     * One module's output.
     *
     * @param shape the full output's shape
     * @param values the output, C order, or evenly spaced samples of it in a sampled trace
     */
    public record Entry(int chunk, String module, String kind, long[] shape, float[] values) {
    }

    /**
     * One module's output in both runs.
     *
     * @param maxAbsDifference largest difference of the values compared, or NaN when the shapes differ
     * @param differing how many of them differ (bit for bit)
     * @param size how many values were compared (samples, in a sampled trace)
     */
    public record ModuleDifference(int chunk, String module, String kind, double maxAbsDifference, long differing,
            long size) {
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
        /** Named construction: every field set by name; see {@link Builder#build}. */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * Named construction of {@link Divergence}. A number or flag left unset is refused by {@link #build} (it would
         * otherwise be a silent 0 or false); an object left unset is null.
         */
        public static final class Builder {
            private Integer chunk;
            private String module;
            private String kind;
            private String previous;
            private long[] shapeA;
            private long[] shapeB;
            private Double maxAbsDifference;
            private Long differing;
            private Long size;

            private Builder() {
            }

            public Builder chunk(int value) { chunk = value; return this; }
            public Builder module(String value) { module = value; return this; }
            public Builder kind(String value) { kind = value; return this; }
            public Builder previous(String value) { previous = value; return this; }
            public Builder shapeA(long[] value) { shapeA = value; return this; }
            public Builder shapeB(long[] value) { shapeB = value; return this; }
            public Builder maxAbsDifference(double value) { maxAbsDifference = value; return this; }
            public Builder differing(long value) { differing = value; return this; }
            public Builder size(long value) { size = value; return this; }

            /** The record; a number or flag that was not set is a programming error, refused here. */
            public Divergence build() {
                return new Divergence(need(chunk, "Divergence.chunk"), module, kind, previous, shapeA, shapeB,
                        need(maxAbsDifference, "Divergence.maxAbsDifference"), need(differing, "Divergence.differing"),
                        need(size, "Divergence.size"));
            }
        }
    }

    private final List<Entry> recorded = new ArrayList<>();
    private final List<ModuleDifference> modules = new ArrayList<>();
    private final int perModule;
    private int position;
    private Divergence divergence;
    private String lastEqual;
    /** The two runs no longer line up (another module, chunk or shape): later modules cannot be compared. */
    private boolean apart;

    /** A trace that keeps and compares every value. */
    public LayerTrace() {
        this(0);
    }

    private LayerTrace(int perModule) {
        this.perModule = perModule;
    }

    /** A trace that keeps {@code perModule} evenly spaced values of each module's output (all of a smaller one). */
    public static LayerTrace sampled(int perModule) {
        if (perModule < 1) {
            throw new IllegalArgumentException("perModule " + perModule);
        }
        return new LayerTrace(perModule);
    }

    /** A sampled trace whose first run was recorded earlier ({@link #entries}), ready for {@link #checker}. */
    public static LayerTrace replay(List<Entry> first, int perModule) {
        LayerTrace t = sampled(perModule);
        t.recorded.addAll(first);
        return t;
    }

    /** Records every module of the first run. */
    public Tracer recorder() {
        return (chunk, module, kind, shape, values) -> recorded.add(new Entry(chunk, module, kind, shape,
                sample(values, perModule)));
    }

    /** The first run's modules, as recorded. */
    public List<Entry> entries() {
        return java.util.Collections.unmodifiableList(recorded);
    }

    /**
     * Compares every module of the second run with the first; remembers the first that differs, and how far each
     * module differs as long as the two runs line up.
     */
    public Tracer checker() {
        return (chunk, module, kind, shape, full) -> {
            if (apart) {
                return;
            }
            float[] values = sample(full, perModule);
            if (position >= recorded.size()) {
                apart = true;
                diverge(Divergence.builder().chunk(chunk).module(module).kind(kind).previous(lastEqual)
                        .shapeA(null).shapeB(shape).maxAbsDifference(Double.NaN).differing(values.length)
                        .size(values.length).build()); // the first run ended before this module
                return;
            }
            Entry a = recorded.get(position++);
            if (!a.module().equals(module) || a.chunk() != chunk || !java.util.Arrays.equals(a.shape(), shape)
                    || a.values().length != values.length) {
                apart = true;
                modules.add(new ModuleDifference(chunk, module, kind, Double.NaN, values.length, values.length));
                diverge(Divergence.builder().chunk(chunk).module(module).kind(kind).previous(lastEqual)
                        .shapeA(a.shape()).shapeB(shape).maxAbsDifference(Double.NaN).differing(values.length)
                        .size(values.length).build()); // another module, chunk or shape: nothing to compare
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
            modules.add(new ModuleDifference(chunk, module, kind, max, count, values.length));
            if (count > 0) {
                diverge(Divergence.builder().chunk(chunk).module(module).kind(kind).previous(lastEqual)
                        .shapeA(a.shape()).shapeB(shape).maxAbsDifference(max).differing(count).size(values.length)
                        .build());
            } else if (divergence == null) {
                lastEqual = module;
            }
        };
    }

    /** Every module of the second run compared with the first, in order, until the two runs stopped lining up. */
    public List<ModuleDifference> modules() {
        return java.util.Collections.unmodifiableList(modules);
    }

    private void diverge(Divergence d) {
        if (divergence == null) {
            divergence = d;
        }
    }

    /** {@code n} evenly spaced values of {@code values} (all of them when there are no more than that, or n is 0). */
    static float[] sample(float[] values, int n) {
        if (n <= 0 || values.length <= n) {
            return values;
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[(int) ((long) i * values.length / n)];
        }
        return out;
    }

    /** The first difference, or null when the second run matched the first module for module. */
    public Divergence divergence() {
        if (divergence == null && position < recorded.size()) {
            Entry a = recorded.get(position);
            return Divergence.builder().chunk(a.chunk()).module(a.module()).kind(a.kind()).previous(lastEqual)
                    .shapeA(a.shape()).shapeB(null).maxAbsDifference(Double.NaN).differing(0).size(0)
                    .build(); // the second run ended before this module
        }
        return divergence;
    }

    /** A builder's check: a number or flag it was not given would otherwise be a silent 0 or false. */
    private static <T> T need(T value, String field) {
        if (value == null) {
            throw new IllegalStateException(field + " was not set");
        }
        return value;
    }
}
