package dev.encodecparity.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.Required;
import dev.encodecparity.spec.Architecture;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.spec.Norm;
import dev.encodecparity.spec.PadMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A transformers {@code EncodecConfig}, as in a model folder's {@code config.json}. Fields and defaults follow
 * transformers' {@code configuration_encodec.py}; derived values (frame rate, number of quantizers, chunking) are
 * computed the way transformers computes them, independently of {@link OriginalSettings}.
 */
public record EncodecConfig(
        List<Double> targetBandwidths,
        int samplingRate,
        int audioChannels,
        boolean normalize,
        Double chunkLengthS,
        Double overlap,
        int hiddenSize,
        int numFilters,
        int numResidualLayers,
        List<Integer> upsamplingRatios,
        String normType,
        int kernelSize,
        int lastKernelSize,
        int residualKernelSize,
        int dilationGrowthRate,
        boolean useCausalConv,
        String padMode,
        int compress,
        int numLstmLayers,
        double trimRightRatio,
        int codebookSize,
        Integer codebookDim,
        boolean useConvShortcut) {

    /**
     * transformers' defaults: a field missing from config.json takes these values, as in Python (hub files written
     * by older versions leave some out, e.g. use_conv_shortcut). codebook_dim null means hidden_size. Checked
     * against transformers' own {@code EncodecConfig()} by SavePretrainedTest.
     */
    private static final String DEFAULTS = """
            {"target_bandwidths": [1.5, 3.0, 6.0, 12.0, 24.0], "sampling_rate": 24000, "audio_channels": 1,
             "normalize": false, "chunk_length_s": null, "overlap": null, "hidden_size": 128, "num_filters": 32,
             "num_residual_layers": 1, "upsampling_ratios": [8, 5, 4, 2], "norm_type": "weight_norm",
             "kernel_size": 7, "last_kernel_size": 7, "residual_kernel_size": 3, "dilation_growth_rate": 2,
             "use_causal_conv": true, "pad_mode": "reflect", "compress": 2, "num_lstm_layers": 2,
             "trim_right_ratio": 1.0, "codebook_size": 1024, "codebook_dim": null, "use_conv_shortcut": true}""";

    /** A config.json is a few hundred bytes; anything near this is not one. */
    private static final int MAX_BYTES = 16 << 20;

    /** Reads and validates a config.json; every problem is listed in one error naming the file. */
    public static EncodecConfig read(Path file) {
        return read(readBytes(file), file);
    }

    /** The bytes of a config.json, bounded, for {@link #read(byte[], Path)} (and a hash of what was read). */
    static byte[] readBytes(Path file) {
        return InputFiles.readAllBytes(file, "expected a config.json file", MAX_BYTES);
    }

    /** Reads and validates the bytes of a config.json that {@code file} names. */
    static EncodecConfig read(byte[] bytes, Path file) {
        return fromJson(Json.parse(bytes, file, "not valid JSON: "), file);
    }

    static EncodecConfig fromJson(JsonNode node, Path file) {
        if (node == null || !node.isObject()) {
            throw new BadInputException(file, "config is not a JSON object");
        }
        JsonNode type = node.get("model_type");
        if (type != null && !"encodec".equals(type.asText())) {
            throw new BadInputException(file, "model_type is '" + type.asText() + "', not 'encodec'");
        }
        ObjectNode merged;
        try {
            merged = (ObjectNode) Json.MAPPER.readTree(DEFAULTS);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in defaults are not JSON", e);
        }
        node.fields().forEachRemaining(e -> {
            if (merged.has(e.getKey())) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        if (merged.get("codebook_dim").isNull()) {
            merged.set("codebook_dim", merged.get("hidden_size")); // as transformers' EncodecConfig.__post_init__
        }
        return Json.bind(merged, EncodecConfig.class, file, "config field ").validate(file);
    }

    private EncodecConfig validate(Path file) {
        List<String> p = new ArrayList<>();
        if (samplingRate < 1 || audioChannels < 1 || hiddenSize < 1 || numFilters < 1 || kernelSize < 1
                || lastKernelSize < 1 || residualKernelSize < 1 || dilationGrowthRate < 1 || compress < 1
                || codebookSize < 2 || numResidualLayers < 0) {
            p.add("sizes must be positive (sampling_rate, audio_channels, hidden_size, num_filters, kernel sizes,"
                    + " dilation_growth_rate, compress, codebook_size >= 2)");
        }
        if (numLstmLayers < 1) {
            p.add("num_lstm_layers must be >= 1 (transformers always has an LSTM), got " + numLstmLayers);
        }
        if (upsamplingRatios == null || upsamplingRatios.isEmpty()
                || upsamplingRatios.stream().anyMatch(r -> r == null || r < 1)) {
            p.add("upsampling_ratios must be a non-empty list of positive integers, got " + upsamplingRatios);
        } else if (Architecture.hopLengthOf(upsamplingRatios) > Architecture.MAX_HOP_LENGTH) {
            p.add("upsampling_ratios multiply to more than " + Architecture.MAX_HOP_LENGTH + " samples per frame");
        }
        if (Norm.fromConfig(normType).isEmpty()) {
            p.add("norm_type '" + normType + "' must be weight_norm or time_group_norm");
        }
        if (PadMode.fromConfig(padMode).isEmpty()) {
            p.add("pad_mode '" + padMode + "' is not supported by this tool (reflect or constant)");
        }
        if (codebookDim != null && codebookDim != hiddenSize) {
            p.add("codebook_dim " + codebookDim + " differs from hidden_size " + hiddenSize
                    + "; EnCodec has no projection between them");
        }
        if (targetBandwidths == null || targetBandwidths.isEmpty()
                || targetBandwidths.stream().anyMatch(b -> b == null || b <= 0)) {
            p.add("target_bandwidths must be a non-empty list of positive numbers, got " + targetBandwidths);
        }
        if ((chunkLengthS == null) != (overlap == null)) {
            p.add("chunk_length_s and overlap must both be set or both be null");
        }
        if (chunkLengthS != null && overlap != null && (chunkLengthS <= 0 || overlap < 0 || overlap >= 1)) {
            p.add("chunk_length_s must be > 0 and overlap in [0, 1)");
        }
        if (trimRightRatio < 0 || trimRightRatio > 1 || (!useCausalConv && trimRightRatio != 1.0)) {
            p.add("trim_right_ratio must be in [0, 1], and 1.0 unless use_causal_conv");
        }
        if (p.isEmpty() && numQuantizers() < 1) {
            p.add("target_bandwidths give no codebooks at all");
        }
        if (p.isEmpty()) {
            for (double bw : targetBandwidths) {
                if (toSpec().codebooksFor(bw) > numQuantizers()) {
                    p.add("bandwidth " + bw + " needs more codebooks than the " + numQuantizers() + " the model has");
                }
            }
        }
        if (!p.isEmpty()) {
            throw new BadInputException(file, "invalid EnCodec config: " + String.join("; ", p));
        }
        return this;
    }

    public int hopLength() {
        return Math.toIntExact(Architecture.hopLengthOf(upsamplingRatios));
    }

    /** {@code math.ceil(sampling_rate / hop_length)}. */
    public int frameRate() {
        return (samplingRate + hopLength() - 1) / hopLength();
    }

    /** {@code math.ceil(math.log2(codebook_size))}. */
    public int codebookNbits() {
        return (int) Math.ceil(ModelSpec.log2(codebookSize));
    }

    /** {@code int(1000 * target_bandwidths[-1] // (frame_rate * codebook_nbits))}, with Python's float floor division.
     * */
    public int numQuantizers() {
        return (int) PythonMath.floorDiv(1000 * targetBandwidths.get(targetBandwidths.size() - 1),
                (double) frameRate() * codebookNbits());
    }

    /** {@code int(chunk_length_s * sampling_rate)}, or 0 without chunking. */
    public int chunkLength() {
        return chunkLengthS == null || overlap == null ? 0 : (int) (chunkLengthS * samplingRate);
    }

    /** {@code max(1, int((1.0 - overlap) * chunk_length))}, or 0 without chunking. */
    public int chunkStride() {
        return chunkLength() == 0 ? 0 : Math.max(1, (int) ((1.0 - overlap) * chunkLength()));
    }

    public Architecture architecture() {
        return Architecture.builder().channels(audioChannels).nFilters(numFilters).dimension(hiddenSize)
                .ratios(upsamplingRatios).nResidualLayers(numResidualLayers).kernelSize(kernelSize)
                .residualKernelSize(residualKernelSize).lastKernelSize(lastKernelSize)
                .dilationBase(dilationGrowthRate).compress(compress).lstmLayers(numLstmLayers)
                .norm(Norm.fromConfig(normType).orElseThrow()).convShortcut(useConvShortcut).bins(codebookSize)
                .nQ(numQuantizers()).build();
    }

    /** How transformers runs this model. */
    public ModelSpec toSpec() {
        return ModelSpec.builder().architecture(architecture()).sampleRate(samplingRate).causal(useCausalConv)
                .padMode(PadMode.fromConfig(padMode).orElseThrow()).normalize(normalize).segmentLength(chunkLength())
                .segmentStride(chunkStride()).trimRightRatio(trimRightRatio).frameRate(frameRate())
                .bandwidths(targetBandwidths).build();
    }

    /** Named construction: every field set by name; see {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .targetBandwidths(targetBandwidths).samplingRate(samplingRate).audioChannels(audioChannels)
                .normalize(normalize).chunkLengthS(chunkLengthS).overlap(overlap).hiddenSize(hiddenSize)
                .numFilters(numFilters).numResidualLayers(numResidualLayers).upsamplingRatios(upsamplingRatios)
                .normType(normType).kernelSize(kernelSize).lastKernelSize(lastKernelSize)
                .residualKernelSize(residualKernelSize).dilationGrowthRate(dilationGrowthRate)
                .useCausalConv(useCausalConv).padMode(padMode).compress(compress).numLstmLayers(numLstmLayers)
                .trimRightRatio(trimRightRatio).codebookSize(codebookSize).codebookDim(codebookDim)
                .useConvShortcut(useConvShortcut);
    }

    /**
     * Named construction of {@link EncodecConfig}. A number or flag left unset is refused by {@link #build} (it would
     * otherwise be a silent 0 or false); a value that may be null stays null, and validation judges it.
     */
    public static final class Builder {
        private List<Double> targetBandwidths;
        private Integer samplingRate;
        private Integer audioChannels;
        private Boolean normalize;
        private Double chunkLengthS;
        private Double overlap;
        private Integer hiddenSize;
        private Integer numFilters;
        private Integer numResidualLayers;
        private List<Integer> upsamplingRatios;
        private String normType;
        private Integer kernelSize;
        private Integer lastKernelSize;
        private Integer residualKernelSize;
        private Integer dilationGrowthRate;
        private Boolean useCausalConv;
        private String padMode;
        private Integer compress;
        private Integer numLstmLayers;
        private Double trimRightRatio;
        private Integer codebookSize;
        private Integer codebookDim;
        private Boolean useConvShortcut;

        private Builder() {
        }

        public Builder targetBandwidths(List<Double> value) { targetBandwidths = value; return this; }
        public Builder samplingRate(int value) { samplingRate = value; return this; }
        public Builder audioChannels(int value) { audioChannels = value; return this; }
        public Builder normalize(boolean value) { normalize = value; return this; }
        public Builder chunkLengthS(Double value) { chunkLengthS = value; return this; }
        public Builder overlap(Double value) { overlap = value; return this; }
        public Builder hiddenSize(int value) { hiddenSize = value; return this; }
        public Builder numFilters(int value) { numFilters = value; return this; }
        public Builder numResidualLayers(int value) { numResidualLayers = value; return this; }
        public Builder upsamplingRatios(List<Integer> value) { upsamplingRatios = value; return this; }
        public Builder normType(String value) { normType = value; return this; }
        public Builder kernelSize(int value) { kernelSize = value; return this; }
        public Builder lastKernelSize(int value) { lastKernelSize = value; return this; }
        public Builder residualKernelSize(int value) { residualKernelSize = value; return this; }
        public Builder dilationGrowthRate(int value) { dilationGrowthRate = value; return this; }
        public Builder useCausalConv(boolean value) { useCausalConv = value; return this; }
        public Builder padMode(String value) { padMode = value; return this; }
        public Builder compress(int value) { compress = value; return this; }
        public Builder numLstmLayers(int value) { numLstmLayers = value; return this; }
        public Builder trimRightRatio(double value) { trimRightRatio = value; return this; }
        public Builder codebookSize(int value) { codebookSize = value; return this; }
        public Builder codebookDim(Integer value) { codebookDim = value; return this; }
        public Builder useConvShortcut(boolean value) { useConvShortcut = value; return this; }

        /** The record; a number or flag that was not set is a programming error, refused here. */
        public EncodecConfig build() {
            return new EncodecConfig(targetBandwidths, need(samplingRate, "samplingRate"),
                    need(audioChannels, "audioChannels"), need(normalize, "normalize"), chunkLengthS, overlap,
                    need(hiddenSize, "hiddenSize"), need(numFilters, "numFilters"),
                    need(numResidualLayers, "numResidualLayers"), upsamplingRatios, normType,
                    need(kernelSize, "kernelSize"), need(lastKernelSize, "lastKernelSize"),
                    need(residualKernelSize, "residualKernelSize"), need(dilationGrowthRate, "dilationGrowthRate"),
                    need(useCausalConv, "useCausalConv"), padMode, need(compress, "compress"),
                    need(numLstmLayers, "numLstmLayers"), need(trimRightRatio, "trimRightRatio"),
                    need(codebookSize, "codebookSize"), codebookDim, need(useConvShortcut, "useConvShortcut"));
        }

        private static <T> T need(T value, String field) {
            return Required.set(value, "EncodecConfig.Builder", field);
        }
    }
}
