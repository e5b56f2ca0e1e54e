package dev.encodecparity.spec;

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
}
