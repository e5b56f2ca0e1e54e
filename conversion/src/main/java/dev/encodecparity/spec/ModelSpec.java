package dev.encodecparity.spec;

import dev.encodecparity.common.Required;
import java.util.List;

/**
 * Everything needed to run an EnCodec: its architecture and its behaviour. The original layout and the transformers
 * layout each build one from their own settings (preset or {@code xp.cfg}, or {@code config.json}) by their own rules,
 * so that a wrong translation between them shows up as a difference, not as agreement by construction.
 *
 * @param frameRate frames per second, as the model's own code computes it (ceil(sampleRate / hop))
 * @param segmentLength samples per chunk when the model chunks its input, else 0
 * @param segmentStride samples between chunk starts when chunking, else 0
 * @param bandwidths the target bandwidths in kbps, smallest first
 */
public record ModelSpec(
        Architecture architecture,
        int sampleRate,
        boolean causal,
        PadMode padMode,
        boolean normalize,
        int segmentLength,
        int segmentStride,
        double trimRightRatio,
        int frameRate,
        List<Double> bandwidths) {

    public ModelSpec {
        bandwidths = List.copyOf(bandwidths);
    }

    public boolean chunked() {
        return segmentLength > 0;
    }

    /**
     * Codebooks used at a bandwidth, the way both implementations compute it:
     * {@code max(1, floor(bandwidth * 1000 / (log2(bins) * frameRate)))}.
     */
    public int codebooksFor(double bandwidthKbps) {
        double bitsPerCodebook = log2(architecture.bins()) * frameRate;
        return (int) Math.max(1, Math.floor(bandwidthKbps * 1000 / bitsPerCodebook));
    }

    /** Python's math.log2: exact for powers of two, where Java's log(x)/log(2) can be off by an ulp. */
    public static double log2(int x) {
        if (Integer.bitCount(x) == 1) {
            return Integer.numberOfTrailingZeros(x);
        }
        return Math.log(x) / Math.log(2);
    }

    /** Named construction: every field set by name; see {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Fields by name; each must be set (segment length and stride are 0 for a model that does not chunk). */
    public static final class Builder {
        private Architecture architecture;
        private Integer sampleRate;
        private Boolean causal;
        private PadMode padMode;
        private Boolean normalize;
        private Integer segmentLength;
        private Integer segmentStride;
        private Double trimRightRatio;
        private Integer frameRate;
        private List<Double> bandwidths;

        private Builder() {
        }

        public Builder architecture(Architecture value) { architecture = value; return this; }
        public Builder sampleRate(int value) { sampleRate = value; return this; }
        public Builder causal(boolean value) { causal = value; return this; }
        public Builder padMode(PadMode value) { padMode = value; return this; }
        public Builder normalize(boolean value) { normalize = value; return this; }
        public Builder segmentLength(int value) { segmentLength = value; return this; }
        public Builder segmentStride(int value) { segmentStride = value; return this; }
        public Builder trimRightRatio(double value) { trimRightRatio = value; return this; }
        public Builder frameRate(int value) { frameRate = value; return this; }
        public Builder bandwidths(List<Double> value) { bandwidths = value; return this; }

        /** The record; a field that was not set is a programming error, refused here. */
        public ModelSpec build() {
            return new ModelSpec(need(architecture, "architecture"), need(sampleRate, "sampleRate"), need(causal,
                    "causal"), need(padMode, "padMode"), need(normalize, "normalize"), need(segmentLength,
                    "segmentLength"), need(segmentStride, "segmentStride"), need(trimRightRatio, "trimRightRatio"),
                    need(frameRate, "frameRate"), need(bandwidths, "bandwidths"));
        }

        private static <T> T need(T value, String field) {
            return Required.set(value, "ModelSpec.Builder", field);
        }
    }
}
