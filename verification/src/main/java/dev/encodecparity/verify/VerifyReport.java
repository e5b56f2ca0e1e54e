package dev.encodecparity.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.Required;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.provenance.OutputProvenance;
import java.util.List;
import java.util.Map;

/**
 * What {@code verify} found, as the terminal table and the JSON report give it.
 *
 * @param rows one per clip and bandwidth
 * @param settingDifferences original and converted settings that differ ("padMode: REFLECT vs CONSTANT")
 * @param diagnosis where the two models first part, when they do (not searched when a model has non-finite weights)
 * @param verdict pass, fail (the models differ) or broken (a model's weights or outputs are not all finite)
 * @param broken why a model is broken, or null when every weight and output is finite
 * @param selection which rows of the whole run this report holds ({@code --only}, {@code --shard},
 *     {@code --fail-fast})
 * @param traces every module's difference on the clips {@code --trace} traced (absent without it)
 * @param jobs clips worked at once ({@code --jobs}, each with the engine's threads); null in a report written before
 *     jobs existed, or merged from shards run with different jobs
 */
public record VerifyReport(
        String tool,
        String started,
        double seconds,
        OutputProvenance.Engine engine,
        Map<String, String> inputs,
        ObjectNode originalSettings,
        ObjectNode convertedSettings,
        List<String> settingDifferences,
        double atol,
        List<Row> rows,
        Diagnosis diagnosis,
        Verdict verdict,
        Broken broken,
        RowSelection selection,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<LayerProfile> traces,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer jobs) {
    /** The {@code kind} of a verify report document. */
    public static final String KIND = "verify_report";

    /**
     * One clip at one bandwidth: the two models' codes and their own reconstructions compared.
     *
     * @param index the row's place in the whole run (clip by clip, bandwidths in order): the same in every shard
     * @param codesDiffering codes that differ, of {@code codesTotal}
     * @param maxAbsError the reconstructions' largest difference (NaN when lengths differ)
     * @param snrDb converted reconstruction against the original's, in dB (infinite when identical)
     * @param verdict pass, fail, or broken when either model's encoder output or audio is not all finite
     * @param originalNonFinite non-finite values among the original model's encoder output and decoded audio
     * @param convertedNonFinite the same for the converted model
     * @param streamed whether the clip ran streamed (in blocks, or a chunking model's batches one by one), by
     *     {@code --stream} or because the whole clip would not fit in memory; null in a report written before
     *     streaming existed (read back, never built)
     * @param seconds the row's own work (both decodes and comparisons) plus its share of its clip's encodes
     */
    public record Row(int index, String clip, double bandwidth, int codebooks, boolean codesEqual, long codesDiffering,
            long codesTotal, double maxAbsError, double snrDb, Verdict verdict, long originalNonFinite,
            long convertedNonFinite, Boolean streamed, double seconds) {
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
            private Boolean codesEqual;
            private Long codesDiffering;
            private Long codesTotal;
            private Double maxAbsError;
            private Double snrDb;
            private Verdict verdict;
            private Long originalNonFinite;
            private Long convertedNonFinite;
            private Boolean streamed;
            private Double seconds;

            private Builder() {
            }

            public Builder index(int value) { index = value; return this; }
            public Builder clip(String value) { clip = value; return this; }
            public Builder bandwidth(double value) { bandwidth = value; return this; }
            public Builder codebooks(int value) { codebooks = value; return this; }
            public Builder codesEqual(boolean value) { codesEqual = value; return this; }
            public Builder codesDiffering(long value) { codesDiffering = value; return this; }
            public Builder codesTotal(long value) { codesTotal = value; return this; }
            public Builder maxAbsError(double value) { maxAbsError = value; return this; }
            public Builder snrDb(double value) { snrDb = value; return this; }
            public Builder verdict(Verdict value) { verdict = value; return this; }
            public Builder originalNonFinite(long value) { originalNonFinite = value; return this; }
            public Builder convertedNonFinite(long value) { convertedNonFinite = value; return this; }
            public Builder streamed(boolean value) { streamed = value; return this; }
            public Builder seconds(double value) { seconds = value; return this; }

            /** The record; a number or flag that was not set is a programming error, refused here. */
            public Row build() {
                return new Row(need(index, "Row.index"), clip, need(bandwidth, "Row.bandwidth"),
                        need(codebooks, "Row.codebooks"), need(codesEqual, "Row.codesEqual"),
                        need(codesDiffering, "Row.codesDiffering"),
                        need(codesTotal, "Row.codesTotal"), need(maxAbsError, "Row.maxAbsError"),
                        need(snrDb, "Row.snrDb"), verdict, need(originalNonFinite, "Row.originalNonFinite"),
                        need(convertedNonFinite, "Row.convertedNonFinite"), need(streamed, "Row.streamed"),
                        need(seconds, "Row.seconds"));
            }

            /** The same row with its time set (measured after the row is built). */
            public Builder from(Row r) {
                streamed = r.streamed();
                return index(r.index()).clip(r.clip()).bandwidth(r.bandwidth()).codebooks(r.codebooks())
                        .codesEqual(r.codesEqual())
                        .codesDiffering(r.codesDiffering()).codesTotal(r.codesTotal()).maxAbsError(r.maxAbsError())
                        .snrDb(r.snrDb()).verdict(r.verdict()).originalNonFinite(r.originalNonFinite())
                        .convertedNonFinite(r.convertedNonFinite()).seconds(r.seconds());
            }
        }
    }

    /**
     * A model that is broken in itself: weights or outputs that are not numbers. That is not a difference between the
     * two models: with the same non-finite tensors on both sides, the conversion is exact and the source is broken.
     *
     * @param originalWeights the original's tensors that hold NaN or infinities (original names)
     * @param convertedWeights the converted model's (transformers names)
     * @param sameOnBothSides both models have non-finite weights, and they are the same weights with the same counts
     * @param brokenRows rows whose outputs hold non-finite values
     * @param summary what the terminal prints, one line each
     */
    public record Broken(List<TensorCount> originalWeights, List<TensorCount> convertedWeights,
            boolean sameOnBothSides, long brokenRows, List<String> summary) {
        public boolean weightsBroken() {
            return !originalWeights.isEmpty() || !convertedWeights.isEmpty();
        }
    }

    /** One tensor that holds non-finite values, and how many of each kind. */
    public record TensorCount(String name, long nan, long positiveInfinity, long negativeInfinity, long values) {
    }

    /**
     * The first module whose output differs, and the tensors feeding it on both sides.
     *
     * @param stage "encode" or "decode"
     * @param clip the clip it was traced on
     * @param previous the module before it, still bit-identical on both sides (its input), or null
     * @param tensors the module's tensors, original name beside transformers name, compared value by value
     * @param profile every module's difference on that clip (absent in reports of earlier versions)
     */
    public record Diagnosis(String stage, String clip, int chunk, String module, String kind, String previous,
            double maxAbsDifference, long differing, long size, List<TensorDiff> tensors, String summary,
            @JsonInclude(JsonInclude.Include.NON_NULL) LayerProfile profile) {
        /** Named construction: every field set by name; see {@link Builder#build}. */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * Named construction of {@link Diagnosis}. A number or flag left unset is refused by {@link #build} (it would
         * otherwise be a silent 0 or false); an object left unset is null.
         */
        public static final class Builder {
            private String stage;
            private String clip;
            private Integer chunk;
            private String module;
            private String kind;
            private String previous;
            private Double maxAbsDifference;
            private Long differing;
            private Long size;
            private List<TensorDiff> tensors;
            private String summary;
            private LayerProfile profile;

            private Builder() {
            }

            public Builder stage(String value) { stage = value; return this; }
            public Builder clip(String value) { clip = value; return this; }
            public Builder chunk(int value) { chunk = value; return this; }
            public Builder module(String value) { module = value; return this; }
            public Builder kind(String value) { kind = value; return this; }
            public Builder previous(String value) { previous = value; return this; }
            public Builder maxAbsDifference(double value) { maxAbsDifference = value; return this; }
            public Builder differing(long value) { differing = value; return this; }
            public Builder size(long value) { size = value; return this; }
            public Builder tensors(List<TensorDiff> value) { tensors = value; return this; }
            public Builder summary(String value) { summary = value; return this; }
            public Builder profile(LayerProfile value) { profile = value; return this; }

            /** The record; a number or flag that was not set is a programming error, refused here. */
            public Diagnosis build() {
                return new Diagnosis(stage, clip, need(chunk, "Diagnosis.chunk"), module, kind, previous,
                        need(maxAbsDifference, "Diagnosis.maxAbsDifference"), need(differing, "Diagnosis.differing"),
                        need(size, "Diagnosis.size"), tensors, summary, profile);
            }
        }
    }

    /**
     * One tensor of the diverging module in both models.
     *
     * @param firstDifferingIndex flat index of the first differing value (-1 when identical)
     */
    public record TensorDiff(String original, String transformers, long[] shape, long differing,
            double maxAbsDifference,
            long firstDifferingIndex) {
    }

    public boolean passed() {
        return verdict.passed();
    }

    /** The run's provenance, read back from the report's fields (tool, start, engine and inputs). */
    public OutputProvenance provenance() {
        return new OutputProvenance(tool, started, null, engine, inputs, Map.of());
    }

    /** Named construction: every field set by name; see {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Named construction of {@link VerifyReport}. A number or flag left unset is refused by {@link #build} (it would
     * otherwise be a silent 0 or false); an object left unset is null.
     */
    public static final class Builder {
        private String tool;
        private String started;
        private Double seconds;
        private OutputProvenance.Engine engine;
        private Map<String, String> inputs;
        private ObjectNode originalSettings;
        private ObjectNode convertedSettings;
        private List<String> settingDifferences;
        private Double atol;
        private List<Row> rows;
        private Diagnosis diagnosis;
        private Verdict verdict;
        private Broken broken;
        private RowSelection selection = RowSelection.ALL;
        private List<LayerProfile> traces;
        private Integer jobs = 1;

        private Builder() {
        }

        /** The tool, start, engine and inputs, from the one provenance record of the run. */
        public Builder provenance(OutputProvenance value) {
            return tool(value.tool()).started(value.date()).engine(value.engine()).inputs(value.inputs());
        }

        public Builder tool(String value) { tool = value; return this; }
        public Builder started(String value) { started = value; return this; }
        public Builder seconds(double value) { seconds = value; return this; }
        public Builder engine(OutputProvenance.Engine value) { engine = value; return this; }
        public Builder inputs(Map<String, String> value) { inputs = value; return this; }
        public Builder originalSettings(ObjectNode value) { originalSettings = value; return this; }
        public Builder convertedSettings(ObjectNode value) { convertedSettings = value; return this; }
        public Builder settingDifferences(List<String> value) { settingDifferences = value; return this; }
        public Builder atol(double value) { atol = value; return this; }
        public Builder rows(List<Row> value) { rows = value; return this; }
        public Builder diagnosis(Diagnosis value) { diagnosis = value; return this; }
        public Builder verdict(Verdict value) { verdict = value; return this; }
        public Builder broken(Broken value) { broken = value; return this; }
        public Builder selection(RowSelection value) { selection = value; return this; }
        public Builder traces(List<LayerProfile> value) { traces = value; return this; }
        public Builder jobs(Integer value) { jobs = value; return this; }

        /** The record; a number or flag that was not set is a programming error, refused here. */
        public VerifyReport build() {
            return new VerifyReport(tool, started, need(seconds, "VerifyReport.seconds"), engine, inputs,
                    originalSettings, convertedSettings, settingDifferences, need(atol, "VerifyReport.atol"), rows,
                    diagnosis, verdict, broken, selection, traces, jobs);
        }
    }

    /** A builder's check: a number or flag it was not given would otherwise be a silent 0 or false. */
    private static <T> T need(T value, String field) {
        return Required.set(value, null, field);
    }
}
