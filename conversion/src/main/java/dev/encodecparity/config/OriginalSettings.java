package dev.encodecparity.config;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Required;
import dev.encodecparity.spec.Architecture;
import dev.encodecparity.spec.Family;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.spec.Norm;
import dev.encodecparity.spec.PadMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An original EnCodec's hyperparameters in the original code's own terms (facebookresearch/encodec's model factory,
 * audiocraft's {@code xp.cfg}): what a preset file says, or what an {@code xp.cfg} resolves to.
 *
 * @param name preset name, or where the settings came from ("xp.cfg of FILE")
 * @param source a note on provenance, for humans
 * @param family the code base whose state-dict order the checkpoint has
 * @param segment seconds per chunk, or null when the model does not chunk its input
 * @param targetBandwidths kbps, or null to derive the single bandwidth of all {@code nQ} codebooks (audiocraft)
 * @param trueSkip identity residual shortcut (true) or a 1x1 conv shortcut (false)
 */
public record OriginalSettings(
        String name,
        String source,
        Family family,
        int sampleRate,
        int channels,
        boolean causal,
        boolean normalize,
        Double segment,
        double overlap,
        List<Double> targetBandwidths,
        int dimension,
        int nFilters,
        int nResidualLayers,
        List<Integer> ratios,
        String norm,
        int kernelSize,
        int residualKernelSize,
        int lastKernelSize,
        int dilationBase,
        String padMode,
        boolean trueSkip,
        int compress,
        int lstm,
        double trimRightRatio,
        int bins,
        int nQ) {

    /** Checks every field; all problems are listed in one error. {@code file} names where the settings came from. */
    public OriginalSettings validate(Path file) {
        List<String> p = new ArrayList<>();
        positive(p, "sample_rate", sampleRate);
        positive(p, "channels", channels);
        positive(p, "dimension", dimension);
        positive(p, "n_filters", nFilters);
        positive(p, "kernel_size", kernelSize);
        positive(p, "residual_kernel_size", residualKernelSize);
        positive(p, "last_kernel_size", lastKernelSize);
        positive(p, "dilation_base", dilationBase);
        positive(p, "compress", compress);
        positive(p, "bins", bins);
        positive(p, "n_q", nQ);
        if (nResidualLayers < 0) {
            p.add("n_residual_layers must be >= 0, got " + nResidualLayers);
        }
        if (lstm < 0) {
            p.add("lstm must be >= 0, got " + lstm);
        }
        if (ratios == null || ratios.isEmpty() || ratios.stream().anyMatch(r -> r == null || r < 1)) {
            p.add("ratios must be a non-empty list of positive integers, got " + ratios);
        } else if (Architecture.hopLengthOf(ratios) > Architecture.MAX_HOP_LENGTH) {
            p.add("ratios multiply to more than " + Architecture.MAX_HOP_LENGTH + " samples per frame");
        }
        if (family == null) {
            p.add("family must be encodec or audiocraft");
        }
        if (Norm.fromConfig(norm).isEmpty()) {
            p.add("norm '" + norm + "' is not supported (weight_norm or time_group_norm)");
        }
        if (PadMode.fromConfig(padMode).isEmpty()) {
            p.add("pad_mode '" + padMode + "' is not supported (reflect or constant)");
        }
        if (segment != null && (segment <= 0 || overlap < 0 || overlap >= 1)) {
            p.add("segment must be > 0 and overlap in [0, 1), got " + segment + " and " + overlap);
        }
        if (trimRightRatio < 0 || trimRightRatio > 1 || (!causal && trimRightRatio != 1.0)) {
            p.add("trim_right_ratio must be in [0, 1], and 1.0 for a non-causal model; got " + trimRightRatio);
        }
        if (targetBandwidths != null && (targetBandwidths.isEmpty()
                || targetBandwidths.stream().anyMatch(b -> b == null || b <= 0))) {
            p.add("target_bandwidths must be positive numbers, got " + targetBandwidths);
        }
        if (!p.isEmpty()) {
            throw new BadInputException(file, "invalid model settings (" + name + "): " + String.join("; ", p));
        }
        return this;
    }

    private static void positive(List<String> p, String field, int v) {
        if (v < 1) {
            p.add(field + " must be >= 1, got " + v);
        }
    }

    public Architecture architecture() {
        return Architecture.builder().channels(channels).nFilters(nFilters).dimension(dimension).ratios(ratios)
                .nResidualLayers(nResidualLayers).kernelSize(kernelSize).residualKernelSize(residualKernelSize)
                .lastKernelSize(lastKernelSize).dilationBase(dilationBase).compress(compress).lstmLayers(lstm)
                .norm(Norm.fromConfig(norm).orElseThrow()).convShortcut(!trueSkip).bins(bins).nQ(nQ).build();
    }

    /** Samples per frame. */
    public int hopLength() {
        return architecture().hopLength();
    }

    /** The original's {@code math.ceil(sample_rate / np.prod(ratios))}. */
    public int frameRate() {
        return (sampleRate + hopLength() - 1) / hopLength();
    }

    /**
     * The bandwidths: the preset's list, or for an audiocraft model the single bandwidth its {@code nQ} codebooks
     * give (50 frames/s x 11 bits x 4 = 2.2 kbps for MusicGen's codec).
     */
    public List<Double> bandwidths() {
        if (targetBandwidths != null) {
            return targetBandwidths;
        }
        double bits = ModelSpec.log2(bins) * frameRate() * nQ;
        return List.of(bits / 1000.0);
    }

    /** The original's chunking: {@code int(segment * sample_rate)} and {@code max(1, int((1 - overlap) * length))}. */
    public int segmentLength() {
        return segment == null ? 0 : (int) (segment * sampleRate);
    }

    public int segmentStride() {
        return segment == null ? 0 : Math.max(1, (int) ((1.0 - overlap) * segmentLength()));
    }

    /** How the original code runs this model. */
    public ModelSpec toSpec() {
        return ModelSpec.builder().architecture(architecture()).sampleRate(sampleRate).causal(causal)
                .padMode(PadMode.fromConfig(padMode).orElseThrow()).normalize(normalize).segmentLength(segmentLength())
                .segmentStride(segmentStride()).trimRightRatio(trimRightRatio).frameRate(frameRate())
                .bandwidths(bandwidths()).build();
    }

    /** Named construction: every field set by name; see {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .name(name).source(source).family(family).sampleRate(sampleRate).channels(channels).causal(causal)
                .normalize(normalize).segment(segment).overlap(overlap).targetBandwidths(targetBandwidths)
                .dimension(dimension).nFilters(nFilters).nResidualLayers(nResidualLayers).ratios(ratios).norm(norm)
                .kernelSize(kernelSize).residualKernelSize(residualKernelSize).lastKernelSize(lastKernelSize)
                .dilationBase(dilationBase).padMode(padMode).trueSkip(trueSkip).compress(compress).lstm(lstm)
                .trimRightRatio(trimRightRatio).bins(bins).nQ(nQ);
    }

    /**
     * Named construction of {@link OriginalSettings}. A number or flag left unset is refused by {@link #build} (it
      * would
     * otherwise be a silent 0 or false); a value that may be null stays null, and validation judges it.
     */
    public static final class Builder {
        private String name;
        private String source;
        private Family family;
        private Integer sampleRate;
        private Integer channels;
        private Boolean causal;
        private Boolean normalize;
        private Double segment;
        private Double overlap;
        private List<Double> targetBandwidths;
        private Integer dimension;
        private Integer nFilters;
        private Integer nResidualLayers;
        private List<Integer> ratios;
        private String norm;
        private Integer kernelSize;
        private Integer residualKernelSize;
        private Integer lastKernelSize;
        private Integer dilationBase;
        private String padMode;
        private Boolean trueSkip;
        private Integer compress;
        private Integer lstm;
        private Double trimRightRatio;
        private Integer bins;
        private Integer nQ;

        private Builder() {
        }

        public Builder name(String value) { name = value; return this; }
        public Builder source(String value) { source = value; return this; }
        public Builder family(Family value) { family = value; return this; }
        public Builder sampleRate(int value) { sampleRate = value; return this; }
        public Builder channels(int value) { channels = value; return this; }
        public Builder causal(boolean value) { causal = value; return this; }
        public Builder normalize(boolean value) { normalize = value; return this; }
        public Builder segment(Double value) { segment = value; return this; }
        public Builder overlap(double value) { overlap = value; return this; }
        public Builder targetBandwidths(List<Double> value) { targetBandwidths = value; return this; }
        public Builder dimension(int value) { dimension = value; return this; }
        public Builder nFilters(int value) { nFilters = value; return this; }
        public Builder nResidualLayers(int value) { nResidualLayers = value; return this; }
        public Builder ratios(List<Integer> value) { ratios = value; return this; }
        public Builder norm(String value) { norm = value; return this; }
        public Builder kernelSize(int value) { kernelSize = value; return this; }
        public Builder residualKernelSize(int value) { residualKernelSize = value; return this; }
        public Builder lastKernelSize(int value) { lastKernelSize = value; return this; }
        public Builder dilationBase(int value) { dilationBase = value; return this; }
        public Builder padMode(String value) { padMode = value; return this; }
        public Builder trueSkip(boolean value) { trueSkip = value; return this; }
        public Builder compress(int value) { compress = value; return this; }
        public Builder lstm(int value) { lstm = value; return this; }
        public Builder trimRightRatio(double value) { trimRightRatio = value; return this; }
        public Builder bins(int value) { bins = value; return this; }
        public Builder nQ(int value) { nQ = value; return this; }

        /** The record; a number or flag that was not set is a programming error, refused here. */
        public OriginalSettings build() {
            return new OriginalSettings(name, source, family, need(sampleRate, "sampleRate"),
                    need(channels, "channels"), need(causal, "causal"), need(normalize, "normalize"), segment,
                    need(overlap, "overlap"), targetBandwidths, need(dimension, "dimension"),
                    need(nFilters, "nFilters"), need(nResidualLayers, "nResidualLayers"), ratios, norm,
                    need(kernelSize, "kernelSize"), need(residualKernelSize, "residualKernelSize"),
                    need(lastKernelSize, "lastKernelSize"), need(dilationBase, "dilationBase"), padMode,
                    need(trueSkip, "trueSkip"), need(compress, "compress"), need(lstm, "lstm"),
                    need(trimRightRatio, "trimRightRatio"), need(bins, "bins"), need(nQ, "nQ"));
        }

        private static <T> T need(T value, String field) {
            return Required.set(value, "OriginalSettings.Builder", field);
        }
    }
}
