package dev.encodecparity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path tmp;

    /** The hub configs as the spec (section 3.2) records them; 32 kHz differs only in pad_mode, on purpose. */
    private static final String HUB_24 = """
            {"architectures": ["EncodecModel"], "model_type": "encodec", "codebook_dim": 128, "compress": 2,
             "dilation_growth_rate": 2, "hidden_size": 128, "kernel_size": 7, "last_kernel_size": 7,
             "num_lstm_layers": 2, "num_residual_layers": 1, "pad_mode": "reflect", "residual_kernel_size": 3,
             "torch_dtype": "float32", "trim_right_ratio": 1.0, "audio_channels": 1, "chunk_length_s": null,
             "overlap": null, "codebook_size": 1024, "norm_type": "weight_norm", "normalize": false, "num_filters": 32,
             "sampling_rate": 24000, "target_bandwidths": [1.5, 3.0, 6.0, 12.0, 24.0], "upsampling_ratios": [8, 5, 4,
                     2],
             "use_causal_conv": true, "use_conv_shortcut": true}""";
    private static final String HUB_48 = """
            {"architectures": ["EncodecModel"], "model_type": "encodec", "codebook_dim": 128, "compress": 2,
             "dilation_growth_rate": 2, "hidden_size": 128, "kernel_size": 7, "last_kernel_size": 7,
             "num_lstm_layers": 2, "num_residual_layers": 1, "pad_mode": "reflect", "residual_kernel_size": 3,
             "torch_dtype": "float32", "trim_right_ratio": 1.0, "audio_channels": 2, "chunk_length_s": 1.0,
             "overlap": 0.01, "codebook_size": 1024, "norm_type": "time_group_norm", "normalize": true,
             "num_filters": 32, "sampling_rate": 48000, "target_bandwidths": [3.0, 6.0, 12.0, 24.0],
             "upsampling_ratios": [8, 5, 4, 2], "use_causal_conv": false, "use_conv_shortcut": true}""";
    private static final String HUB_32_BUT_CONSTANT_PADDING = """
            {"architectures": ["EncodecModel"], "model_type": "encodec", "codebook_dim": 128, "compress": 2,
             "dilation_growth_rate": 2, "hidden_size": 128, "kernel_size": 7, "last_kernel_size": 7,
             "num_lstm_layers": 2, "num_residual_layers": 1, "pad_mode": "constant", "residual_kernel_size": 3,
             "torch_dtype": "float32", "trim_right_ratio": 1.0, "audio_channels": 1, "chunk_length_s": null,
             "overlap": null, "codebook_size": 2048, "norm_type": "weight_norm", "normalize": false, "num_filters": 64,
             "sampling_rate": 32000, "target_bandwidths": [2.2], "upsampling_ratios": [8, 5, 4, 4],
             "use_causal_conv": false, "use_conv_shortcut": false}""";

    @Test
    void presetsTranslateToTheHubConfigs() throws IOException {
        check("encodec_24khz", HUB_24);
        check("encodec_48khz", HUB_48);
        check("encodec_32khz", HUB_32_BUT_CONSTANT_PADDING);
    }

    private static void check(String preset, String hub) throws IOException {
        EncodecConfig c = ConfigTranslation.toTransformers(Presets.get(preset), null);
        JsonNode written = ConfigTranslation.configJson(c, "float32");
        JsonNode want = Json.MAPPER.readTree(hub);
        // The hub files were written by transformers 4.x, which said torch_dtype; 5.x says dtype for the same thing.
        want.fieldNames().forEachRemaining(k -> assertEquals(want.get(k),
                written.get(k.equals("torch_dtype") ? "dtype" : k), preset + " " + k));
        assertEquals(want.size() + 1, written.size(), preset + ": only transformers_version is extra");
    }

    @Test
    void theWrittenTransformersVersionIsThePinnedOne() throws IOException {
        // save_pretrained writes its own version; the files are those of the transformers the tests run.
        List<String> pins = Files.readAllLines(TestData.path("requirements.txt")).stream()
                .filter(l -> l.startsWith("transformers==")).toList();
        assertEquals(List.of("transformers==" + ConfigTranslation.TRANSFORMERS_VERSION), pins);
        JsonNode written = ConfigTranslation.configJson(ConfigTranslation.toTransformers(
                Presets.get("encodec_24khz"), null), "float32");
        assertEquals(ConfigTranslation.TRANSFORMERS_VERSION, written.get("transformers_version").asText());
    }

    @Test
    void derivedValuesFollowTransformersFormulas() {
        EncodecConfig c24 = ConfigTranslation.toTransformers(Presets.get("encodec_24khz"), null);
        assertEquals(75, c24.frameRate());
        assertEquals(32, c24.numQuantizers());
        EncodecConfig c48 = ConfigTranslation.toTransformers(Presets.get("encodec_48khz"), null);
        assertEquals(150, c48.frameRate());
        assertEquals(16, c48.numQuantizers());
        assertEquals(48000, c48.chunkLength());
        assertEquals(47520, c48.chunkStride());
        EncodecConfig c32 = ConfigTranslation.toTransformers(Presets.get("encodec_32khz"), null);
        assertEquals(4, c32.numQuantizers());
        assertEquals(List.of(1.5, 3.0, 6.0, 12.0, 24.0), c24.targetBandwidths());
        assertEquals(List.of(2, 4, 8, 16, 32),
                c24.targetBandwidths().stream().map(b -> c24.toSpec().codebooksFor(b)).toList());
        assertEquals(List.of(2, 4, 8, 16),
                c48.targetBandwidths().stream().map(b -> c48.toSpec().codebooksFor(b)).toList());
    }

    @Test
    void anAudiocraftPackageGetsTheBandwidthOfAllItsCodebooks() {
        // MusicGen's codec: 4 codebooks x 11 bits x 50 frames/s = 2.2 kbps, exactly as transformers must read it back.
        OriginalSettings xp = XpConfig.read(xpCfg("encodec_32khz"), null);
        assertEquals(List.of(2.2), xp.bandwidths());
        EncodecConfig c = ConfigTranslation.toTransformers(xp, null);
        assertEquals(List.of(2.2), c.targetBandwidths());
        assertEquals(4, c.numQuantizers());
        assertEquals("constant", c.padMode());
        assertEquals(Presets.get("encodec_32khz").toSpec(), xp.toSpec());
    }

    @Test
    void xpCfgInterpolationsResolveAgainstTheRoot() {
        String yaml = xpCfg("encodec_32khz").replace("channels: 1", "channels: 2");
        OriginalSettings s = XpConfig.read(yaml, null);
        assertEquals(2, s.channels());
        assertEquals(2, s.architecture().channels());
    }

    @Test
    void settingsTransformersCannotExpressAreErrors() {
        String yaml = xpCfg("encodec_32khz").replace("final_activation: null", "final_activation: Tanh")
                .replace("disable_norm_outer_blocks: 0", "disable_norm_outer_blocks: 1")
                .replace("activation: ELU", "activation: GELU");
        BadInputException e = assertThrows(BadInputException.class, () -> XpConfig.read(yaml, Path.of("x.th")));
        assertTrue(e.getMessage().contains("seanet.activation is GELU, only ELU is supported"), e.getMessage());
        assertTrue(e.getMessage().contains("disable_norm_outer_blocks > 0"), e.getMessage());
        assertTrue(e.getMessage().contains("final_activation Tanh"), e.getMessage());
        assertTrue(e.getMessage().startsWith("x.th: xp.cfg describes a model transformers cannot express"));
    }

    @Test
    void badConfigFiles() throws IOException {
        assertMessage(write("{\"sampling_rate\": \"24000\"}"), "config field sampling_rate has the wrong type");
        assertMessage(write("{\"model_type\": \"wav2vec2\"}"), "model_type is 'wav2vec2', not 'encodec'");
        assertMessage(write("{\"pad_mode\": \"circular\"}"), "pad_mode 'circular' is not supported");
        assertMessage(write("{\"codebook_dim\": 64}"), "codebook_dim 64 differs from hidden_size 128");
        assertMessage(write("[1, 2]"), "config is not a JSON object");
        assertMessage(write("{\"sampling_rate\": 24000,"), "not valid JSON");
        assertMessage(write("{\"chunk_length_s\": 1.0}"), "chunk_length_s and overlap must both be set");
        assertMessage(tmp.resolve("nope.json"), "no such file");
    }

    @Test
    void missingFieldsTakeTransformersDefaults() throws IOException {
        EncodecConfig c = EncodecConfig.read(write("{\"model_type\": \"encodec\"}"));
        assertEquals(24000, c.samplingRate());
        assertEquals(32, c.numQuantizers());
        assertEquals(true, c.useConvShortcut());
    }

    private void assertMessage(Path file, String text) {
        BadInputException e = assertThrows(BadInputException.class, () -> EncodecConfig.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    private Path write(String json) throws IOException {
        return Files.writeString(Files.createTempFile(tmp, "config", ".json"), json);
    }

    /** An audiocraft xp.cfg for a preset, in the style of the test fixtures (with interpolations). */
    private static String xpCfg(String preset) {
        OriginalSettings p = Presets.get(preset);
        return """
                device: cuda
                sample_rate: %d
                channels: 1
                encodec:
                  autoencoder: seanet
                  quantizer: rvq
                  causal: false
                  renormalize: false
                seanet:
                  dimension: 128
                  channels: ${channels}
                  causal: ${encodec.causal}
                  n_filters: %d
                  n_residual_layers: 1
                  ratios: %s
                  activation: ELU
                  activation_params: {alpha: 1.0}
                  norm: weight_norm
                  norm_params: {}
                  kernel_size: 7
                  residual_kernel_size: 3
                  last_kernel_size: 7
                  dilation_base: 2
                  pad_mode: constant
                  true_skip: true
                  compress: 2
                  lstm: 2
                  disable_norm_outer_blocks: 0
                  decoder: {trim_right_ratio: 1.0, final_activation: null, final_activation_params: null}
                  encoder: {}
                rvq: {n_q: %d, bins: %d, decay: 0.99}
                optim: {lr: 0.0003}
                """.formatted(p.sampleRate(), p.nFilters(), p.ratios(), p.nQ(), p.bins());
    }
}
