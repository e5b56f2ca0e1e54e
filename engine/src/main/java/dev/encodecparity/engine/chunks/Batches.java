package dev.encodecparity.engine.chunks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Which chunks run together. Chunks are independent in the original (own normalisation, own GroupNorm statistics), so
 * chunks that the model can stack (equal lengths; for decoding also equal codebook counts), of one clip or of several,
 * run as one batch, which turns the LSTM's matrix-vector steps into matrix products. A batch is bounded in chunks and
 * in samples per channel, so that its activations stay of a size the caches and the allocator handle well (measured
 * in benchmarks/README.md).
 *
 * @param maxItems at most this many chunks in a batch
 * @param maxSamples at most this many samples per channel in a batch (a longer chunk still runs, alone)
 */
public record Batches(int maxItems, int maxSamples) {
    /** The engine's bounds: 16 chunks and 2^19 samples, the latter settable for measuring. */
    public static final Batches DEFAULT = new Batches(16, Integer.getInteger("encodecparity.batchSamples", 1 << 19));

    public Batches {
        if (maxItems < 1 || maxSamples < 1) {
            throw new IllegalArgumentException("maxItems " + maxItems + ", maxSamples " + maxSamples);
        }
    }

    /** Each item alone, in order: a traced run goes one chunk at a time so that two traces line up. */
    public static <T> List<List<T>> oneByOne(List<T> items) {
        List<List<T>> out = new ArrayList<>();
        items.forEach(i -> out.add(List.of(i)));
        return out;
    }

    /**
     * Items with equal keys together, groups in the order their keys first appear and items in their order, each
     * group cut into batches of {@code min(maxItems, maxSamples / samples)} (at least one), where {@code samples} is
     * the group's first item's length.
     */
    public <T> List<List<T>> byKey(List<T> items, Function<? super T, ?> key, ToIntFunction<? super T> samples) {
        Map<Object, List<T>> byKey = new LinkedHashMap<>();
        items.forEach(i -> byKey.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i));
        List<List<T>> out = new ArrayList<>();
        for (List<T> same : byKey.values()) {
            int size = Math.max(1, Math.min(maxItems, maxSamples / Math.max(1, samples.applyAsInt(same.get(0)))));
            for (int i = 0; i < same.size(); i += size) {
                out.add(same.subList(i, Math.min(same.size(), i + size)));
            }
        }
        return out;
    }
}
