package dev.encodecparity.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.PythonJson;
import dev.encodecparity.spec.Family;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Original settings to a transformers config, field by field, with the checks that make the result load as the same
 * model: the number of codebooks transformers derives from the bandwidths must equal the checkpoint's, and settings
 * transformers cannot express are errors.
 */
public final class ConfigTranslation {
    /**
     * What {@code save_pretrained} writes as transformers_version: its own version. The written files are those the
     * transformers this project emulates and cross-checks against (testdata/requirements.txt pins it) would write,
     * byte for byte; the tool's own provenance is in the safetensors metadata, not here.
     */
    public static final String TRANSFORMERS_VERSION = "5.18.0";

    private ConfigTranslation() {
    }

    public static EncodecConfig toTransformers(OriginalSettings s, Path file) {
        if (s.lstm() < 1) {
            throw new BadInputException(file, "the model has no LSTM (lstm: 0); transformers' EnCodec always has one");
        }
        List<Double> bandwidths = s.bandwidths();
        EncodecConfig c = EncodecConfig.builder()
                .targetBandwidths(exactBandwidths(bandwidths, s))
                .samplingRate(s.sampleRate())
                .audioChannels(s.channels())
                .normalize(s.normalize())
                .chunkLengthS(s.segment())
                .overlap(s.segment() == null ? null : s.overlap())
                .hiddenSize(s.dimension())
                .numFilters(s.nFilters())
                .numResidualLayers(s.nResidualLayers())
                .upsamplingRatios(s.ratios())
                .normType(s.norm())
                .kernelSize(s.kernelSize())
                .lastKernelSize(s.lastKernelSize())
                .residualKernelSize(s.residualKernelSize())
                .dilationGrowthRate(s.dilationBase())
                .useCausalConv(s.causal())
                .padMode(s.padMode())
                .compress(s.compress())
                .numLstmLayers(s.lstm())
                .trimRightRatio(s.trimRightRatio())
                .codebookSize(s.bins())
                .codebookDim(s.dimension())
                .useConvShortcut(!s.trueSkip())
                .build();
        ObjectNode json = Json.MAPPER.valueToTree(c);
        EncodecConfig checked = EncodecConfig.fromJson(json, file);
        if (checked.numQuantizers() != s.nQ()) {
            throw new BadInputException(file, "transformers would build " + checked.numQuantizers()
                    + " codebooks from target_bandwidths " + bandwidths + ", but the model has " + s.nQ());
        }
        return checked;
    }

    /**
     * A transformers config in original terms, for a custom model given by {@code --config}, or a converted folder
     * turned back into an original state dict.
     */
    public static OriginalSettings toOriginal(EncodecConfig c, Family family, String name) {
        return OriginalSettings.builder()
                .name(name)
                .source("transformers config")
                .family(family)
                .sampleRate(c.samplingRate())
                .channels(c.audioChannels())
                .causal(c.useCausalConv())
                .normalize(c.normalize())
                .segment(c.chunkLengthS())
                .overlap(c.overlap() == null ? 0.01 : c.overlap())
                .targetBandwidths(c.targetBandwidths())
                .dimension(c.hiddenSize())
                .nFilters(c.numFilters())
                .nResidualLayers(c.numResidualLayers())
                .ratios(c.upsamplingRatios())
                .norm(c.normType())
                .kernelSize(c.kernelSize())
                .residualKernelSize(c.residualKernelSize())
                .lastKernelSize(c.lastKernelSize())
                .dilationBase(c.dilationGrowthRate())
                .padMode(c.padMode())
                .trueSkip(!c.useConvShortcut())
                .compress(c.compress())
                .lstm(c.numLstmLayers())
                .trimRightRatio(c.trimRightRatio())
                .bins(c.codebookSize())
                .nQ(c.numQuantizers())
                .build().validate(null);
    }

    /**
     * A derived bandwidth such as 4 x 11 x 50 / 1000 = 2.2 must give back exactly n_q codebooks through transformers'
     * float formula; nudge it up by ulps if rounding would lose one.
     */
    private static List<Double> exactBandwidths(List<Double> bandwidths, OriginalSettings s) {
        if (s.targetBandwidths() != null) {
            return bandwidths;
        }
        double bw = bandwidths.get(0);
        int bits = (int) Math.ceil(dev.encodecparity.spec.ModelSpec.log2(s.bins()));
        int frameRate = s.frameRate();
        for (int i = 0; i < 16 && PythonMath.floorDiv(1000 * bw, (double) frameRate * bits) < s.nQ(); i++) {
            bw = Math.nextUp(bw);
        }
        return List.of(bw);
    }

    /**
     * config.json as {@code save_pretrained} writes it (its {@code to_diff_dict}): every EncodecConfig field, since
     * none of them is a field of the base PreTrainedConfig that the diff is taken against, plus model_type,
     * transformers_version and the base fields that are set: architectures and dtype. transformers 5 writes
     * {@code dtype}; hub files written by 4.x say {@code torch_dtype}, which 5 reads as dtype and re-saves as dtype.
     *
     * @param dtype the weights' torch dtype name ("float32")
     */
    public static ObjectNode configJson(EncodecConfig c, String dtype) {
        ObjectNode o = Json.MAPPER.valueToTree(c);
        o.putArray("architectures").add("EncodecModel");
        o.put("model_type", "encodec");
        o.put("dtype", dtype);
        o.put("transformers_version", TRANSFORMERS_VERSION);
        return o;
    }

    /**
     * preprocessor_config.json as {@code EncodecFeatureExtractor.save_pretrained} writes it: every attribute of the
     * feature extractor (its {@code to_dict} is its whole {@code __dict__}, with no diff against defaults) plus
     * feature_extractor_type.
     */
    public static ObjectNode preprocessorJson(EncodecConfig c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("chunk_length_s", c.chunkLengthS()); // put(String, Double): null as JSON null
        o.put("feature_extractor_type", "EncodecFeatureExtractor");
        o.put("feature_size", c.audioChannels());
        o.put("overlap", c.overlap());
        o.put("padding_side", "right");
        o.put("padding_value", 0.0);
        o.put("return_attention_mask", true);
        o.put("sampling_rate", c.samplingRate());
        return o;
    }

    /** The bytes of config.json: {@link #configJson} as {@code to_json_file} writes it (see {@link #fileBytes}). */
    public static byte[] configFile(EncodecConfig c, String dtype) {
        return fileBytes(configJson(c, dtype));
    }

    /** The bytes of preprocessor_config.json: {@link #preprocessorJson} as {@code to_json_file} writes it. */
    public static byte[] preprocessorFile(EncodecConfig c) {
        return fileBytes(preprocessorJson(c));
    }

    /** {@code json.dumps(d, indent=2, sort_keys=True) + "\n"}, UTF-8 (all ASCII: json.dumps escapes the rest). */
    private static byte[] fileBytes(ObjectNode o) {
        return (PythonJson.dumps(o) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
