package dev.encodecparity.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.engine.EngineInfo;
import java.util.List;
import java.util.Map;

/**
 * What {@code verify} found, as the terminal table and the JSON report give it.
 *
 * @param rows one per clip and bandwidth
 * @param settingDifferences original and converted settings that differ ("padMode: REFLECT vs CONSTANT")
 * @param diagnosis where the two models first part, when they do
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
        String verdict) {

    /**
     * One clip at one bandwidth: the two models' codes and their own reconstructions compared.
     *
     * @param codesDiffering codes that differ, of {@code codesTotal}
     * @param maxAbsError the reconstructions' largest difference (NaN when lengths differ)
     * @param snrDb converted reconstruction against the original's, in dB (infinite when identical)
     */
    public record Row(String clip, double bandwidth, int codebooks, boolean codesEqual, long codesDiffering,
            long codesTotal, double maxAbsError, double snrDb, String verdict) {
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
        return "pass".equals(verdict);
    }
}
