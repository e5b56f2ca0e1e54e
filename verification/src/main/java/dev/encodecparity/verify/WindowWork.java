package dev.encodecparity.verify;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.compare.AudioComparison;
import dev.encodecparity.compare.CodeComparison;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.NonFiniteCheck;
import dev.encodecparity.plot.RowPlot;
import dev.encodecparity.plot.RowPlots;
import dev.encodecparity.spec.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The whole work of one window of clips, on whichever thread runs it: the clips read and checked, encoded by both
 * models, and every kept row decoded and compared. It touches nothing shared but the two models (whose calls each
 * hold their own native memory) and the plot collection (synchronized), so windows can run side by side
 * ({@code verify --jobs}); what it found comes back as a {@link Result} for the run to take in the run's order.
 */
final class WindowWork {
    /**
     * What one window found.
     *
     * @param inputs each clip's input line and SHA-256, in the window's order
     * @param rows the window's rows, in the order they were worked
     * @param first the run's first clip, in the first window only (for a diagnosis when only the settings differ)
     * @param firstFailing its first clip with a differing row, or null
     * @param failingCodebooks the codebooks of that row
     * @param traces the layer traces {@code --trace} asked for in this window
     */
    record Result(Map<String, String> inputs, List<VerifyReport.Row> rows, Clip first, Clip firstFailing,
            int failingCodebooks, List<LayerProfile> traces) {
        boolean anyFailed() {
            return rows.stream().anyMatch(r -> !r.verdict().passed());
        }
    }

    private final Verification.Options options;
    private final ModelSpec spec;
    private final RowPlan plan;
    private final Codec ca;
    private final Codec cb;
    private final boolean batch;
    private final Extras extras;
    private final int jobs;

    /**
     * @param batch whether clips of equal length run as one batch (on a GPU)
     * @param jobs how many windows run at once (each clip's memory must fit as many times)
     */
    WindowWork(Verification.Options options, ModelSpec spec, RowPlan plan, Codec ca, Codec cb, boolean batch,
            Extras extras, int jobs) {
        this.options = options;
        this.spec = spec;
        this.plan = plan;
        this.ca = ca;
        this.cb = cb;
        this.batch = batch;
        this.extras = extras;
        this.jobs = jobs;
    }

    /**
     * Works one window.
     *
     * @param firstOrdinal how many clips of the run come before this window (for {@code --trace})
     */
    Result work(List<Corpus.Entry> window, int firstOrdinal) {
        Map<String, String> inputs = new LinkedHashMap<>();
        List<Clip> read = new ArrayList<>();
        for (Corpus.Entry e : window) {
            Clip c = Clip.read(e.path(), e.name(), spec, options.resample(), options.stream(), jobs);
            inputs.put("audio " + e.path() + (c.conversion() == null ? "" : " (" + c.conversion() + ")"), c.sha256());
            read.add(c);
        }
        List<VerifyReport.Row> rows = new ArrayList<>();
        List<LayerProfile> traces = new ArrayList<>();
        Clip firstFailing = null;
        int failingCodebooks = 0;
        int worked = firstOrdinal;
        for (List<Clip> group : groups(read, batch)) {
            int codebooks = group.stream().mapToInt(c -> plan.rowsOf(c.name()).stream()
                    .mapToInt(r -> ca.codebooksFor(r.bandwidth())).max().orElse(0)).max().orElse(0);
            long encodeStart = System.nanoTime();
            List<EncodedAudio> ea = encode(ca, group, codebooks);
            List<EncodedAudio> eb = encode(cb, group, codebooks);
            int groupRows = group.stream().mapToInt(c -> plan.rowsOf(c.name()).size()).sum();
            // each row's time: its own decodes, plus its share of the group's encodes
            double encodeShare = (System.nanoTime() - encodeStart) / 1e9 / groupRows;
            for (int i = 0; i < group.size(); i++) {
                Clip clip = group.get(i);
                List<RowPlan.Row> planned = plan.rowsOf(clip.name());
                List<EncodedAudio> codesA = new ArrayList<>();
                List<EncodedAudio> codesB = new ArrayList<>();
                for (RowPlan.Row r : planned) {
                    int n = ca.codebooksFor(r.bandwidth());
                    codesA.add(ea.get(i).firstCodebooks(n));
                    codesB.add(eb.get(i).firstCodebooks(n));
                }
                long decodeStart = System.nanoTime();
                // a whole clip's rows together, the decoder's LSTM shared between them (both models decode the
                // same way, so their comparison is unchanged); a streamed clip's row by row, when compared
                IntFunction<float[][]> audioA = ca.decodesOfClip(codesA, clip.streamed());
                IntFunction<float[][]> audioB = cb.decodesOfClip(codesB, clip.streamed());
                // each row's time: its share of the clip's decodes together and of the group's encodes, and its own
                // decodes (streamed) and comparisons
                double decodeShare = (System.nanoTime() - decodeStart) / 1e9 / Math.max(1, planned.size());
                for (int r = 0; r < planned.size(); r++) {
                    int n = codesA.get(r).codebooks();
                    long rowStart = System.nanoTime();
                    VerifyReport.Row row = row(clip, planned.get(r), codesA.get(r), codesB.get(r), audioA.apply(r),
                            audioB.apply(r));
                    rows.add(VerifyReport.Row.builder().from(row).seconds(encodeShare + decodeShare
                            + (System.nanoTime() - rowStart) / 1e9).build());
                    if (BrokenModels.differs(row) && firstFailing == null) {
                        firstFailing = clip;
                        failingCodebooks = n;
                    }
                }
                if (extras.trace().traces(worked++)) { // at the most codebooks of the clip's rows
                    traces.add(Diagnose.Traced.of(ca, cb, clip, codebooks).profile(options.atol()));
                }
            }
        }
        // only the run's first clip is kept beyond its rows: results may wait their turn, a few at a time
        return new Result(inputs, rows, firstOrdinal == 0 ? read.get(0) : null, firstFailing, failingCodebooks,
                traces);
    }

    /** A group's clips encoded as one batch, or a streamed clip (alone in its group) streamed. */
    private static List<EncodedAudio> encode(Codec codec, List<Clip> group, int codebooks) {
        if (group.size() == 1 && group.get(0).streamed()) {
            return List.of(codec.encode(group.get(0).samples(), codebooks, true));
        }
        return codec.encodeBatch(group.stream().map(Clip::samples).toList(), codebooks);
    }

    /** Clips grouped by length when batching (a streamed clip alone), else one per group, in the clips' order. */
    private static List<List<Clip>> groups(List<Clip> clips, boolean batch) {
        List<List<Clip>> out = new ArrayList<>();
        if (!batch) {
            clips.forEach(c -> out.add(List.of(c)));
            return out;
        }
        Map<Integer, List<Clip>> byLength = new LinkedHashMap<>();
        for (Clip c : clips) {
            if (c.streamed()) {
                out.add(List.of(c));
            } else {
                byLength.computeIfAbsent(c.length(), k -> new ArrayList<>()).add(c);
            }
        }
        out.addAll(byLength.values());
        return out;
    }

    private VerifyReport.Row row(Clip clip, RowPlan.Row planned, EncodedAudio codesA, EncodedAudio codesB,
            float[][] audioA, float[][] audioB) {
        int n = codesA.codebooks();
        CodeComparison.Result codes = CodeComparison.compare(codesA, codesB, null);
        RowPlots plots = extras.plots();
        if (plots.wanted()) { // verify computes no margins: every differing code is a real difference
            plots.add(RowPlot.of(planned.index(), "original", "converted", clip.samples(), clip.sampleRate(), audioA,
                    audioB, codesA, codesB, codes, 0));
        }
        AudioComparison audio = AudioComparison.of(audioA, audioB);
        boolean pass = codes.identical() && !audio.lengthsDiffer() && audio.maxAbsError() <= options.atol();
        long brokenA = codesA.encoderOutput().nonFinite() + NonFiniteCheck.count(audioA).nonFinite();
        long brokenB = codesB.encoderOutput().nonFinite() + NonFiniteCheck.count(audioB).nonFinite();
        return VerifyReport.Row.builder()
                .index(planned.index())
                .clip(clip.name())
                .bandwidth(planned.bandwidth())
                .codebooks(n)
                .codesEqual(codes.identical())
                .codesDiffering(codes.differing())
                .codesTotal(codes.codes())
                .maxAbsError(audio.lengthsDiffer() ? Double.NaN : audio.maxAbsError())
                .snrDb(audio.snrDb())
                .verdict(Verdict.of(brokenA + brokenB > 0, pass))
                .originalNonFinite(brokenA)
                .convertedNonFinite(brokenB)
                .streamed(clip.streamed())
                .seconds(0) // the caller sets the row's time
                .build();
    }
}
