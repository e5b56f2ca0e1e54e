package dev.encodecparity.verify;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.engine.EngineInfo;
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
 */
public record VerifyReport(
        String tool,
        String started,
        double seconds,
        EngineInfo engine,
        Map<String, String> inputs,
        ObjectNode originalSettings,
        ObjectNode convertedSettings,
        List<String> settingDifferences,
        double atol,
        List<Row> rows,
        Diagnosis diagnosis,
        Verdict verdict,
        Broken broken) {

    /**
     * One clip at one bandwidth: the two models' codes and their own reconstructions compared.
     *
     * @param codesDiffering codes that differ, of {@code codesTotal}
     * @param maxAbsError the reconstructions' largest difference (NaN when lengths differ)
     * @param snrDb converted reconstruction against the original's, in dB (infinite when identical)
     * @param verdict pass, fail, or broken when either model's encoder output or audio is not all finite (written in
     *     the row spelling)
     * @param originalNonFinite non-finite values among the original model's encoder output and decoded audio
     * @param convertedNonFinite the same for the converted model
     */
    public record Row(String clip, double bandwidth, int codebooks, boolean codesEqual, long codesDiffering,
            long codesTotal, double maxAbsError, double snrDb,
            @JsonSerialize(using = Verdict.RowSpelling.class) Verdict verdict, long originalNonFinite,
            long convertedNonFinite) {
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
     */
    public record Diagnosis(String stage, String clip, int chunk, String module, String kind, String previous,
            double maxAbsDifference, long differing, long size, List<TensorDiff> tensors, String summary) {
    }

    /**
     * One tensor of the diverging module in both models.
     *
     * @param firstDifferingIndex flat index of the first differing value (-1 when identical)
     */
    public record TensorDiff(String original, String transformers, long[] shape, long differing, double maxAbsDifference,
            long firstDifferingIndex) {
    }

    public boolean passed() {
        return verdict.passed();
    }
}
