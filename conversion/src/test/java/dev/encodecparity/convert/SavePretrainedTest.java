package dev.encodecparity.convert;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.config.ConfigTranslation;
import dev.encodecparity.config.EncodecConfig;
import dev.encodecparity.config.Presets;
import dev.encodecparity.testing.Python;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted folder's config.json and preprocessor_config.json are byte for byte what transformers writes: each
 * kind of folder the tool makes is loaded with {@code EncodecConfig.from_pretrained} and
 * {@code EncodecFeatureExtractor.from_pretrained} and saved again with {@code save_pretrained}
 * (testdata/scripts/resave_config.py, the pinned transformers), and both files must come back identical. Hub-style
 * files that leave fields out are read by the tool with transformers' defaults, so what it writes for them is what
 * transformers writes for them, which checks those defaults against transformers' own.
 */
class SavePretrainedTest {
    /** facebook/encodec_24khz's config.json as transformers 4.31 wrote it: no use_conv_shortcut, torch_dtype. */
    private static final String HUB_24 = """
            {"_name_or_path": "ArthurZ/encodec_24khz", "architectures": ["EncodecModel"], "audio_channels": 1,
             "chunk_length_s": null, "codebook_dim": 128, "codebook_size": 1024, "compress": 2,
             "dilation_growth_rate": 2, "hidden_size": 128, "kernel_size": 7, "last_kernel_size": 7,
             "model_type": "encodec", "norm_type": "weight_norm", "normalize": false, "num_filters": 32,
             "num_lstm_layers": 2, "num_residual_layers": 1, "overlap": null, "pad_mode": "reflect",
             "residual_kernel_size": 3, "sampling_rate": 24000, "target_bandwidths": [1.5, 3.0, 6.0, 12.0, 24.0],
             "torch_dtype": "float32", "transformers_version": "4.31.0.dev0", "trim_right_ratio": 1.0,
             "upsampling_ratios": [8, 5, 4, 2], "use_causal_conv": true}
            """;
    /** facebook/encodec_24khz's preprocessor_config.json. */
    private static final String HUB_24_PREPROCESSOR = """
            {"chunk_length_s": null, "feature_extractor_type": "EncodecFeatureExtractor", "feature_size": 1,
             "overlap": null, "padding_side": "right", "padding_value": 0.0, "return_attention_mask": true,
             "sampling_rate": 24000}
            """;
    /** Every EnCodec field left out: all of them take transformers' defaults (the feature extractor's likewise). */
    private static final String ONLY_DEFAULTS = """
            {"architectures": ["EncodecModel"], "model_type": "encodec", "torch_dtype": "float32"}
            """;

    @TempDir
    Path tmp;

    @Test
    void everyKindOfConvertedFolderIsWhatSavePretrainedWrites() throws IOException {
        Map<String, Path> written = new LinkedHashMap<>(); // what the tool wrote, by kind of folder
        for (String tiny : List.of("tiny_24khz", "tiny_32khz", "tiny_48khz")) {
            written.put(tiny, convert(tiny + ".th", TestData.path("configs/" + tiny + ".json")));
        }
        written.put("tiny_32khz_audiocraft (xp.cfg)", convert("tiny_32khz_audiocraft.th", null));
        for (String preset : List.of("encodec_24khz", "encodec_48khz", "encodec_32khz")) {
            // Full-size weights add nothing to the config files: their config is the preset's, as convert makes it.
            written.put(preset, write(preset, ConfigTranslation.toTransformers(Presets.get(preset), null)));
        }
        Map<String, Path> read = new LinkedHashMap<>(written); // what transformers loads, by kind
        for (Map.Entry<String, String> hub : List.of(Map.entry("hub encodec_24khz", HUB_24),
                Map.entry("only defaults", ONLY_DEFAULTS))) {
            Path given = Files.createDirectories(tmp.resolve("given " + hub.getKey()));
            Files.writeString(given.resolve(TransformersFolder.CONFIG), hub.getValue());
            Files.writeString(given.resolve(TransformersFolder.PREPROCESSOR), hub.getKey().startsWith("hub")
                    ? HUB_24_PREPROCESSOR : "{\"feature_extractor_type\": \"EncodecFeatureExtractor\"}");
            read.put(hub.getKey(), given);
            EncodecConfig config = EncodecConfig.read(given.resolve(TransformersFolder.CONFIG));
            written.put(hub.getKey(), write(hub.getKey(), config));
        }

        Map<String, Path> resaved = new LinkedHashMap<>();
        List<Object> args = new ArrayList<>();
        for (String kind : read.keySet()) {
            resaved.put(kind, tmp.resolve("resaved " + kind));
            args.addAll(List.of("--pair", read.get(kind), resaved.get(kind)));
        }
        Python.Result r = Python.script("resave_config.py", args.toArray());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.lastLine().contains("\"transformers\": \"" + ConfigTranslation.TRANSFORMERS_VERSION + "\""),
                r.lastLine());

        List<Executable> checks = new ArrayList<>();
        for (String kind : written.keySet()) {
            for (String file : List.of(TransformersFolder.CONFIG, TransformersFolder.PREPROCESSOR)) {
                Path ours = written.get(kind).resolve(file);
                Path theirs = resaved.get(kind).resolve(file);
                checks.add(() -> assertEquals(text(theirs), text(ours), kind + ": " + file));
            }
            // The tool reads back what transformers wrote (dtype, not torch_dtype) as the same config.
            checks.add(() -> assertEquals(EncodecConfig.read(written.get(kind).resolve(TransformersFolder.CONFIG)),
                    EncodecConfig.read(resaved.get(kind).resolve(TransformersFolder.CONFIG)), kind));
        }
        assertEquals(27, checks.size(), "9 kinds of folder, 3 checks each");
        assertAll(checks);
    }

    @Test
    void theFilesAsWrittenOutByHand() throws IOException {
        // configs/tiny_48khz.json's values in json.dumps(indent=2, sort_keys=True) + "\n" spelling ("norm_type" sorts
        // before "normalize": '_' < 'a'), dtype for torch_dtype, and the pinned transformers' version.
        Path dir = convert("tiny_48khz.th", TestData.path("configs/tiny_48khz.json"));
        assertEquals("""
                {
                  "architectures": [
                    "EncodecModel"
                  ],
                  "audio_channels": 2,
                  "chunk_length_s": 1.0,
                  "codebook_dim": 16,
                  "codebook_size": 64,
                  "compress": 2,
                  "dilation_growth_rate": 2,
                  "dtype": "float32",
                  "hidden_size": 16,
                  "kernel_size": 7,
                  "last_kernel_size": 7,
                  "model_type": "encodec",
                  "norm_type": "time_group_norm",
                  "normalize": true,
                  "num_filters": 2,
                  "num_lstm_layers": 2,
                  "num_residual_layers": 1,
                  "overlap": 0.01,
                  "pad_mode": "reflect",
                  "residual_kernel_size": 3,
                  "sampling_rate": 48000,
                  "target_bandwidths": [
                    1.8,
                    3.6,
                    7.2
                  ],
                  "transformers_version": "5.18.0",
                  "trim_right_ratio": 1.0,
                  "upsampling_ratios": [
                    8,
                    5,
                    4,
                    2
                  ],
                  "use_causal_conv": false,
                  "use_conv_shortcut": true
                }
                """, text(dir.resolve(TransformersFolder.CONFIG)));
        assertEquals("""
                {
                  "chunk_length_s": 1.0,
                  "feature_extractor_type": "EncodecFeatureExtractor",
                  "feature_size": 2,
                  "overlap": 0.01,
                  "padding_side": "right",
                  "padding_value": 0.0,
                  "return_attention_mask": true,
                  "sampling_rate": 48000
                }
                """, text(dir.resolve(TransformersFolder.PREPROCESSOR)));
    }

    private Path convert(String checkpoint, Path config) {
        Path out = tmp.resolve("converted " + checkpoint);
        Converter.toTransformers(TestData.path("checkpoints/" + checkpoint), null, config, out, false);
        return out;
    }

    /** The two files as a conversion writes them, for a config made without converting weights. */
    private Path write(String name, EncodecConfig config) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("written " + name));
        Files.write(dir.resolve(TransformersFolder.CONFIG), ConfigTranslation.configFile(config, "float32"));
        Files.write(dir.resolve(TransformersFolder.PREPROCESSOR), ConfigTranslation.preprocessorFile(config));
        return dir;
    }

    /** The bytes one for one as characters (ISO-8859-1), so a difference in any byte is a difference here. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
