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
                divergence = Divergence.builder().chunk(chunk).module(module).kind(kind).previous(lastEqual)
                        .shapeA(null).shapeB(shape).maxAbsDifference(Double.NaN).differing(values.length)
                        .size(values.length).build(); // the first run ended before this module
                return;
            }
            Entry a = recorded.get(position++);
            if (!a.module().equals(module) || a.chunk() != chunk || !java.util.Arrays.equals(a.shape(), shape)) {
                divergence = Divergence.builder().chunk(chunk).module(module).kind(kind).previous(lastEqual)
                        .shapeA(a.shape()).shapeB(shape).maxAbsDifference(Double.NaN).differing(values.length)
                        .size(values.length).build(); // another module, chunk or shape: nothing to compare
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
                divergence = Divergence.builder().chunk(chunk).module(module).kind(kind).previous(lastEqual)
                        .shapeA(a.shape()).shapeB(shape).maxAbsDifference(max).differing(count).size(values.length)
                        .build();
            } else {
                lastEqual = module;
            }
        };
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
