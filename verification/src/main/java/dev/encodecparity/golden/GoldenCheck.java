package dev.encodecparity.golden;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.Required;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.compare.AudioComparison;
import dev.encodecparity.compare.CodeComparison;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.MemoryEstimate;
import dev.encodecparity.engine.NonFiniteCheck;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.tensor.NonFinite;
import dev.encodecparity.plot.RowPlot;
import dev.encodecparity.verify.Clip;
import dev.encodecparity.verify.Extras;
import dev.encodecparity.verify.RowProgress;
import dev.encodecparity.verify.RowSelection;
import dev.encodecparity.verify.TraceMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a model against recorded goldens, as a nightly job does after a driver, CUDA, libtorch or DJL upgrade, or
 * between CPU and GPU. Codes: encoded afresh and compared with the golden codes; a differing code whose two entries
 * are equally near within the tie margin is a near tie, counted apart from real differences. Audio: the golden codes
 * are decoded (so one flipped code cannot cascade) and compared with the golden audio within atol + rtol * |golden|.
 */
public final class GoldenCheck {
    private GoldenCheck() {
    }

    /**
     * One entry's outcome.
     *
     * @param verdict pass, fail, or broken when the fresh encoder output or the decoded audio is not all finite
     * @param codesTotal codes compared (named as verify's rows name them)
     * @param codesDiffering codes that differ from the golden ones
     * @param seconds the entry's comparisons and its decode; for the first entry of a clip, its encode and the
     *     decodes of every entry of the clip decoded together ({@link GoldenDecodes})
     * @param nonFinite non-finite values among the fresh encoder output and the audio decoded from the golden codes
     */
    public record Row(int index, String clip, double bandwidth, int codebooks, long codesTotal, long codesDiffering,
            long nearTies, long realDifferences, double maxAbsError, double snrDb, boolean audioWithin,
            Verdict verdict, long nonFinite, double seconds) {
        /** Named construction: every field set by name; see {@link Builder#build}. */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * Named construction of {@link Row}. A number or flag left unset is refused by {@link #build} (it would
         * otherwise be a silent 0 or false); an object left unset is null.
         */
        public static final class Builder {
            private Integer index;
            private String clip;
            private Double bandwidth;
            private Integer codebooks;
            private Long codesTotal;
            private Long codesDiffering;
            private Long nearTies;
            private Long realDifferences;
            private Double maxAbsError;
            private Double snrDb;
            private Boolean audioWithin;
            private Verdict verdict;
            private Long nonFinite;
            private Double seconds;

            private Builder() {
            }

            public Builder index(int value) { index = value; return this; }
            public Builder clip(String value) { clip = value; return this; }
            public Builder bandwidth(double value) { bandwidth = value; return this; }
            public Builder codebooks(int value) { codebooks = value; return this; }
            public Builder codesTotal(long value) { codesTotal = value; return this; }
            public Builder codesDiffering(long value) { codesDiffering = value; return this; }
            public Builder nearTies(long value) { nearTies = value; return this; }
            public Builder realDifferences(long value) { realDifferences = value; return this; }
            public Builder maxAbsError(double value) { maxAbsError = value; return this; }
            public Builder snrDb(double value) { snrDb = value; return this; }
            public Builder audioWithin(boolean value) { audioWithin = value; return this; }
            public Builder verdict(Verdict value) { verdict = value; return this; }
            public Builder nonFinite(long value) { nonFinite = value; return this; }
            public Builder seconds(double value) { seconds = value; return this; }

            /** The record; a number or flag that was not set is a programming error, refused here. */
            public Row build() {
                return new Row(need(index, "Row.index"), clip, need(bandwidth, "Row.bandwidth"),
                        need(codebooks, "Row.codebooks"), need(codesTotal, "Row.codesTotal"),
                        need(codesDiffering, "Row.codesDiffering"), need(nearTies, "Row.nearTies"),
                        need(realDifferences, "Row.realDifferences"), need(maxAbsError, "Row.maxAbsError"),
                        need(snrDb, "Row.snrDb"), need(audioWithin, "Row.audioWithin"), verdict,
                        need(nonFinite, "Row.nonFinite"), need(seconds, "Row.seconds"));
            }
        }
    }

    /**
     * The whole check, as the table and the JSON report give it.
     *
     * @param verdict pass, fail, or broken when the model's weights or outputs are not all finite
     * @param nonFiniteWeights the model's tensors that hold NaN or infinities, "name: 1 NaN of 32 values"
     * @param traces every module's drift from the recorded trace on the clips {@code --trace} traced (absent without
     *     it)
     */
    public record Report(String tool, OutputProvenance.Engine engine, OutputProvenance.Engine recordedWith,
            GoldenManifest.Model model, List<String> notes, GoldenManifest.Tolerances tolerances, List<Row> rows,
            Verdict verdict, List<String> nonFiniteWeights, RowSelection selection,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<LayerProfile> traces) {
        /** The {@code kind} of a golden check report document. */
        public static final String KIND = "golden_check_report";

        public boolean passed() {
            return verdict.passed();
        }

        /** Named construction: every field set by name; see {@link Builder#build}. */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * Named construction of {@link Report}. A number or flag left unset is refused by {@link #build} (it would
         * otherwise be a silent 0 or false); an object left unset is null.
         */
        public static final class Builder {
            private String tool;
            private OutputProvenance.Engine engine;
            private OutputProvenance.Engine recordedWith;
            private GoldenManifest.Model model;
            private List<String> notes;
            private GoldenManifest.Tolerances tolerances;
            private List<Row> rows;
            private Verdict verdict;
            private List<String> nonFiniteWeights;
            private RowSelection selection = RowSelection.ALL;
            private List<LayerProfile> traces;

            private Builder() {
            }

            /** The tool and the engine, from the check's provenance record. */
            public Builder provenance(OutputProvenance value) {
                return tool(value.tool()).engine(value.engine());
            }

            public Builder tool(String value) { tool = value; return this; }
            public Builder engine(OutputProvenance.Engine value) { engine = value; return this; }
            public Builder recordedWith(OutputProvenance.Engine value) { recordedWith = value; return this; }
            public Builder model(GoldenManifest.Model value) { model = value; return this; }
            public Builder notes(List<String> value) { notes = value; return this; }
            public Builder tolerances(GoldenManifest.Tolerances value) { tolerances = value; return this; }
            public Builder rows(List<Row> value) { rows = value; return this; }
            public Builder verdict(Verdict value) { verdict = value; return this; }
            public Builder nonFiniteWeights(List<String> value) { nonFiniteWeights = value; return this; }
            public Builder selection(RowSelection value) { selection = value; return this; }
            public Builder traces(List<LayerProfile> value) { traces = value; return this; }

            /** The record; a number or flag that was not set is a programming error, refused here. */
            public Report build() {
                return new Report(tool, engine, recordedWith, model, notes, tolerances, rows, verdict,
                        nonFiniteWeights, selection, traces);
            }
        }
    }

    /**
     * A note when the recording and the check were made under numerics settings that can change results differently
     * (TF32, cuDNN benchmark, cuBLAS workspace), where either ran on a GPU: on the CPU those settings change nothing.
     */
    static java.util.Optional<String> numericsNote(OutputProvenance.Engine recorded, OutputProvenance.Engine now) {
        boolean gpu = !"cpu".equals(recorded.device()) || !"cpu".equals(now.device());
        if (!gpu || Objects.equals(recorded.numerics(), now.numerics())
                || (recorded.numerics() != null && recorded.numerics().sameAs(now.numerics()))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("recorded under other numerics settings: "
                + (recorded.numerics() == null ? "not recorded" : recorded.numerics().summary()) + "; checking under "
                + (now.numerics() == null ? "not recorded" : now.numerics().summary())
                + ": TF32 alone can change codes and audio beyond the tolerances");
    }

    public static Report run(Codec codec, Path goldens, GoldenManifest m, Map<String, String> modelFiles,
            GoldenManifest.Tolerances tol) {
        return run(codec, goldens, m, modelFiles, tol, RowSelection.ALL, RowProgress.NONE);
    }

    /**
     * The entries {@code selection} keeps (entry {@code k} of the manifest is row {@code k} of the whole run), telling
     * {@code watcher} of each as it ends.
     */
    public static Report run(Codec codec, Path goldens, GoldenManifest m, Map<String, String> modelFiles,
            GoldenManifest.Tolerances tol, RowSelection selection, RowProgress watcher) {
        return run(codec, goldens, m, modelFiles, tol, selection, watcher, Extras.NONE);
    }

    /** The same, with layer traces ({@code --trace}) and plot data ({@code --html}) as {@code extras} asks. */
    public static Report run(Codec codec, Path goldens, GoldenManifest m, Map<String, String> modelFiles,
            GoldenManifest.Tolerances tol, RowSelection selection, RowProgress watcher, Extras extras) {
        List<String> notes = new ArrayList<>();
        if (!Objects.equals(m.model().files(), modelFiles)) {
            notes.add("the model's files differ from the recorded model's (recorded " + m.model().files() + ", now "
                    + modelFiles + "): differences below may come from the model, not from the stack");
        }
        OutputProvenance.Engine now = codec.info();
        if (!now.device().equals(m.engine().device()) || !now.libtorch().equals(m.engine().libtorch())
                || !now.djl().equals(m.engine().djl())) {
            notes.add("recorded on " + m.engine().summary() + "; checking on " + now.summary());
        } else if (now.threads() != m.engine().threads()) {
            notes.add("recorded with " + m.engine().threads() + " CPU thread(s), checking with " + now.threads()
                    + ": libtorch may split float reductions differently, so audio may differ in its last bits"
                    + " (docs/reliability.md gives the measured size); codes are expected identical");
        }
        numericsNote(m.engine(), now).ifPresent(notes::add);
        if (!codec.nonFiniteWeights().isEmpty()) {
            notes.add("the model has non-finite weights: " + NonFiniteCheck.weights(codec.nonFiniteWeights()));
        }
        List<Row> rows = new ArrayList<>();
        List<LayerProfile> traces = new ArrayList<>();
        java.util.Set<String> clipsSeen = new java.util.HashSet<>();
        int total = m.entries().size();
        watcher.total((int) java.util.stream.IntStream.range(0, total).filter(i -> selection.takes(i, total,
                Path.of(m.entries().get(i).clip()).getFileName().toString())).count());
        Map<Path, Integer> mostCodebooks = mostCodebooks(codec, goldens, m, selection);
        // The clip of the entries at hand, read once (a recorded manifest lists a clip's entries one after another),
        // its codes at its most codebooks, and the audio of its entries' golden codes, decoded together.
        Clip held = null;
        EncodedAudio heldCodes = null;
        Map<Integer, float[][]> heldAudio = Map.of();
        for (int index = 0; index < m.entries().size(); index++) {
            GoldenManifest.Entry e = m.entries().get(index);
            if (!selection.takes(index, m.entries().size(), Path.of(e.clip()).getFileName().toString())) {
                continue;
            }
            if (selection.failFast() && rows.stream().anyMatch(r -> !r.verdict().passed())) {
                notes.add("stopped at the first entry that did not pass (--fail-fast)");
                break;
            }
            long rowStart = System.nanoTime();
            Path clipPath = goldens.resolve(e.clip());
            boolean again = held != null && held.path().equals(clipPath);
            if (!(again ? held.sha256() : Hashing.sha256(clipPath)).equals(e.clipSha256())) {
                throw new BadInputException(clipPath, "differs from the recorded clip (SHA-256 mismatch)");
            }
            Clip clip = again ? held : Clip.read(clipPath, codec.spec());
            if (codec.codebooksFor(e.bandwidth()) != e.codebooks()) {
                throw new BadInputException(goldens.resolve(GoldenManifest.FILE), "bandwidth " + e.bandwidth()
                        + " gives " + codec.codebooksFor(e.bandwidth()) + " codebooks, recorded " + e.codebooks());
            }
            Path codesPath = goldens.resolve(e.codes());
            // A clip or codes too long to run whole are streamed (which the notes say), as in encode and decode.
            boolean decodeStreamed = GoldenDecodes.streams(codec, codesPath);
            if (clip.streamed() || decodeStreamed) {
                notes.add("streamed (the whole clip would not fit in memory): " + clip.name() + " at "
                        + e.bandwidth() + " kbps");
            }
            EncodedAudio golden = codes(codec, codesPath);
            if (clipsSeen.add(e.clip()) && extras.trace().traces(clipsSeen.size() - 1)) {
                GoldenManifest.Trace t = m.traceOf(e.clip());
                if (t == null) {
                    notes.add("no layer trace of " + clip.name() + " in the goldens (recorded before golden record"
                            + " kept them): --trace has nothing to compare it with; record the goldens again");
                } else { // a layer trace runs the whole clip: it must fit
                    Path traceCodes = goldens.resolve(t.codes());
                    MemoryEstimate.decode(codec.spec(), CodesFile.declaredFrames(traceCodes), 1)
                            .check(traceCodes.toString());
                    traces.add(GoldenTrace.check(codec, goldens, t, clip, codes(codec, traceCodes), tol.atol()));
                }
            }
            if (!again) {
                heldCodes = codec.encode(clip.samples(), mostCodebooks.get(clipPath), clip.streamed());
                held = clip;
                heldAudio = clip.streamed() ? Map.of() : GoldenDecodes.ofClip(codec, goldens, m, selection, index);
            }
            EncodedAudio ours = heldCodes.firstCodebooks(e.codebooks());
            // Margins of codes chosen from NaN distances mean nothing, and each costs an encode: not asked for.
            CodeComparison.Result c = CodeComparison.compare(golden, ours, ours.encoderOutputFinite()
                    ? (k, t, q, a, b) -> codec.margin(clip.samples(), k, t, q, a, b) : null);
            float[][] want = AudioFiles.read(goldens.resolve(e.audio())).samples();
            float[][] got = heldAudio.containsKey(index) ? heldAudio.get(index) : codec.decode(golden, decodeStreamed);
            AudioComparison a = AudioComparison.of(want, got);
            boolean audioOk = AudioComparison.allClose(want, got, tol.atol(), tol.rtol());
            boolean pass = c.passes(tol.tieMargin()) && audioOk;
            long nonFinite = ours.encoderOutput().nonFinite() + NonFiniteCheck.count(got).nonFinite();
            if (extras.plots().wanted()) {
                extras.plots().add(RowPlot.of(index, "golden", "now", clip.samples(), clip.sampleRate(), want, got,
                        golden, ours, c, tol.tieMargin()));
            }
            rows.add(Row.builder()
                    .index(index)
                    .clip(clip.name())
                    .bandwidth(e.bandwidth())
                    .codebooks(e.codebooks())
                    .codesTotal(c.codes())
                    .codesDiffering(c.differing())
                    .nearTies(c.nearTies(tol.tieMargin()))
                    .realDifferences(c.structure().isEmpty() ? c.realDifferences(tol.tieMargin()) : -1)
                    .maxAbsError(a.lengthsDiffer() ? Double.NaN : a.maxAbsError())
                    .snrDb(a.snrDb())
                    .audioWithin(audioOk)
                    .verdict(Verdict.of(nonFinite > 0, pass))
                    .nonFinite(nonFinite)
                    .seconds((System.nanoTime() - rowStart) / 1e9)
                    .build());
            Row last = rows.get(rows.size() - 1);
            watcher.done(last.clip(), last.bandwidth(), last.verdict(), last.seconds());
        }
        watcher.finished();
        boolean broken = !codec.nonFiniteWeights().isEmpty() || rows.stream().anyMatch(r -> r.nonFinite() > 0);
        boolean pass = rows.stream().allMatch(r -> r.verdict().passed());
        OutputProvenance checked = new OutputProvenance(ToolInfo.nameAndVersion(), null, null, now, Map.of(), Map.of());
        return Report.builder()
                .provenance(checked)
                .recordedWith(m.engine())
                .model(m.model())
                .notes(notes)
                .tolerances(tol)
                .rows(rows)
                .verdict(Verdict.of(broken, pass))
                .nonFiniteWeights(codec.nonFiniteWeights().stream().map(NonFinite.Found::detail).toList())
                .selection(selection)
                .traces(extras.trace() == TraceMode.NONE ? null : traces)
                .build();
    }

    /**
     * The most codebooks the selected entries of each clip ask for, so that each clip is encoded once, as golden
     * record does: the quantizer is residual (codebook q depends only on the codebooks before it), so a lower
     * bandwidth's codes are the first codebooks of a higher one's, bit for bit (CodebookPrefixTest). Capped at the
     * model's codebooks: an entry that records more is refused by name when its turn comes, before any encode.
     */
    private static Map<Path, Integer> mostCodebooks(Codec codec, Path goldens, GoldenManifest m,
            RowSelection selection) {
        List<Double> bandwidths = codec.spec().bandwidths();
        int modelCodebooks = codec.codebooksFor(bandwidths.get(bandwidths.size() - 1));
        Map<Path, Integer> most = new java.util.HashMap<>();
        int total = m.entries().size();
        for (int i = 0; i < total; i++) {
            GoldenManifest.Entry e = m.entries().get(i);
            if (selection.takes(i, total, Path.of(e.clip()).getFileName().toString())) {
                most.merge(goldens.resolve(e.clip()), Math.min(e.codebooks(), modelCodebooks), Math::max);
            }
        }
        return most;
    }

    /** Golden codes read and checked against the model (the caller decides whether they fit whole or stream). */
    private static EncodedAudio codes(Codec codec, Path codesPath) {
        EncodedAudio golden = CodesFile.read(codesPath);
        try {
            codec.checkCodes(golden);
        } catch (BadInputException ex) {
            throw new BadInputException(codesPath, ex.reason());
        }
        return golden;
    }

    /** A builder's check: a number or flag it was not given would otherwise be a silent 0 or false. */
    private static <T> T need(T value, String field) {
        return Required.set(value, null, field);
    }
}
