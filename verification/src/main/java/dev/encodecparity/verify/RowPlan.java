package dev.encodecparity.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a run works, planned before any clip is read: every clip × bandwidth of the whole run has a fixed index
 * (clip by clip, bandwidths in order), and the selection ({@code --only}, {@code --shard}) keeps some of them. Only
 * the clips with a kept row are read.
 */
final class RowPlan {
    /**
     * One kept row.
     *
     * @param index its place in the whole run, the same in every shard
     * @param bandwidth kbps
     */
    record Row(int index, double bandwidth) {
    }

    private final Map<String, List<Row>> byClip = new LinkedHashMap<>();
    private final List<Corpus.Entry> clips = new ArrayList<>();

    private RowPlan() {
    }

    static RowPlan of(Corpus corpus, List<Double> bandwidths, RowSelection selection) {
        RowPlan plan = new RowPlan();
        int index = 0;
        int total = corpus.clips().size() * bandwidths.size();
        for (Corpus.Entry e : corpus.clips()) {
            List<Row> kept = new ArrayList<>();
            for (double bw : bandwidths) {
                if (selection.takes(index, total, e.name())) {
                    kept.add(new Row(index, bw));
                }
                index++;
            }
            if (!kept.isEmpty()) {
                plan.byClip.put(e.name(), kept);
                plan.clips.add(e);
            }
        }
        return plan;
    }

    /** The clips with a kept row, {@code size} at a time, in the run's order. */
    List<List<Corpus.Entry>> windows(int size) {
        List<List<Corpus.Entry>> out = new ArrayList<>();
        for (int i = 0; i < clips.size(); i += size) {
            out.add(clips.subList(i, Math.min(clips.size(), i + size)));
        }
        return out;
    }

    /** How many rows are kept. */
    int size() {
        return byClip.values().stream().mapToInt(List::size).sum();
    }

    List<Row> rowsOf(String clip) {
        return byClip.getOrDefault(clip, List.of());
    }
}
