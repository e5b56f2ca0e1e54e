package dev.encodecparity.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Json;
import dev.encodecparity.spec.Family;
import java.nio.file.Path;
import java.util.List;

/**
 * Original settings to a transformers config, field by field, with the checks that make the result load as the same
 * model: the number of codebooks transformers derives from the bandwidths must equal the checkpoint's, and settings
 * transformers cannot express are errors.
 */
public final class ConfigTranslation {
    /** The first transformers release with EnCodec; what the written config claims to need. */
    static final String TRANSFORMERS_VERSION = "4.31.0";

    private ConfigTranslation() {
    }

    public static EncodecConfig toTransformers(OriginalSettings s, Path file) {
        if (s.lstm() < 1) {
            throw new BadInputException(file, "the model has no LSTM (lstm: 0); transformers' EnCodec always has one");
        }
        List<Double> bandwidths = s.bandwidths();
        EncodecConfig c = new EncodecConfig(exactBandwidths(bandwidths, s), s.sampleRate(), s.channels(),
                s.normalize(), s.segment(), s.segment() == null ? null : s.overlap(), s.dimension(), s.nFilters(),
                s.nResidualLayers(), s.ratios(), s.norm(), s.kernelSize(), s.lastKernelSize(),
                s.residualKernelSize(), s.dilationBase(), s.causal(), s.padMode(), s.compress(), s.lstm(),
                s.trimRightRatio(), s.bins(), s.dimension(), !s.trueSkip());
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
        return new OriginalSettings(name, "transformers config", family, c.samplingRate(), c.audioChannels(),
                c.useCausalConv(), c.normalize(), c.chunkLengthS(), c.overlap() == null ? 0.01 : c.overlap(),
                c.targetBandwidths(), c.hiddenSize(), c.numFilters(), c.numResidualLayers(), c.upsamplingRatios(),
                c.normType(), c.kernelSize(), c.residualKernelSize(), c.lastKernelSize(), c.dilationGrowthRate(),
                c.padMode(), !c.useConvShortcut(), c.compress(), c.numLstmLayers(), c.trimRightRatio(),
                c.codebookSize(), c.numQuantizers()).validate(null);
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
     * config.json as save_pretrained writes it: the config's fields plus the keys every hub config carries, sorted.
     *
     * @param dtype the weights' torch dtype name ("float32")
     */
    public static ObjectNode configJson(EncodecConfig c, String dtype) {
        ObjectNode o = Json.MAPPER.valueToTree(c);
        o.putArray("architectures").add("EncodecModel");
        o.put("model_type", "encodec");
        o.put("torch_dtype", dtype);
        o.put("transformers_version", TRANSFORMERS_VERSION);
        return sorted(o);
    }

    /** preprocessor_config.json for transformers' EncodecFeatureExtractor. */
    public static ObjectNode preprocessorJson(EncodecConfig c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (c.chunkLengthS() == null) {
            o.putNull("chunk_length_s");
        } else {
            o.put("chunk_length_s", c.chunkLengthS());
        }
        o.put("feature_extractor_type", "EncodecFeatureExtractor");
        o.put("feature_size", c.audioChannels());
        if (c.overlap() == null) {
            o.putNull("overlap");
        } else {
            o.put("overlap", c.overlap());
        }
        o.put("padding_side", "right");
        o.put("padding_value", 0.0);
        o.put("return_attention_mask", true);
        o.put("sampling_rate", c.samplingRate());
        return sorted(o);
    }

    private static ObjectNode sorted(ObjectNode o) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        java.util.List<String> keys = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        java.util.Collections.sort(keys);
        keys.forEach(k -> out.set(k, o.get(k)));
        return out;
    }
}
