package dev.encodecparity.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time per module, summed over calls: the profile {@code bench --profile} prints. libtorch runs CPU ops
 * synchronously, so a module's wall time is its cost; on a GPU the times are launch times unless each step is
 * synchronised, which this does not do (see docs/gpu.md). {@link #NONE} sums nothing: a codec that is not profiled.
 */
public sealed class StepTimes permits StepTimes.Off {
    /** Profiling off: every time is dropped. */
    public static final StepTimes NONE = new Off();

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final Map<String, Integer> calls = new LinkedHashMap<>();

    void add(String module, String kind, long ns) {
        nanos.merge(module + " (" + kind + ")", ns, Long::sum);
        calls.merge(module + " (" + kind + ")", 1, Integer::sum);
    }

    /** How many times a module ran, by its key in {@link #millisLargestFirst} ({@code "decoder.1 (lstm)"}). */
    public int calls(String key) {
        return calls.getOrDefault(key, 0);
    }

    /** Milliseconds per module, largest first. */
    public Map<String, Double> millisLargestFirst() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.put(e.getKey(), e.getValue() / 1e6));
        return out;
    }

    /** The times of a codec that is not profiled: none kept. */
    static final class Off extends StepTimes {
        @Override
        void add(String module, String kind, long ns) {
        }
    }
}
