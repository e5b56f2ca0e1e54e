package dev.encodecparity.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.FullSize;
import dev.encodecparity.testing.Python;
import dev.encodecparity.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The converter's acceptance check, by the real consumer: transformers' {@code EncodecModel.from_pretrained} loads each
 * converted folder with no missing, unexpected or mismatched key and every tensor equal to its source, and the way back
 * gives the source state dict byte for byte (testdata/scripts/check_hf_load.py, pip's torch and transformers).
 */
class TransformersLoadTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "tiny_24khz.th, tiny_24khz", "tiny_24khz_legacy.th, tiny_24khz", "tiny_24khz_best_state.th, tiny_24khz",
        "tiny_24khz_audiocraft.th, tiny_24khz", "renamed_root.th, tiny_24khz",
        "tiny_48khz.th, tiny_48khz", "tiny_48khz_legacy.th, tiny_48khz", "tiny_48khz_best_state.th, tiny_48khz",
        "tiny_32khz.th, tiny_32khz", "tiny_32khz_legacy.th, tiny_32khz", "tiny_32khz_best_state.th, tiny_32khz",
        "tiny_32khz_audiocraft.th, tiny_32khz", "tiny_32khz_solver.th, tiny_32khz",
        "tiny_32khz_legacy_best_state.th, tiny_32khz"})
    void tinyFixturesWithTheirConfig(String file, String config) {
        roundTrip(TestData.path("checkpoints/" + file), null, TestData.path("configs/" + config + ".json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny_24khz_audiocraft.th", "tiny_48khz_audiocraft.th", "tiny_32khz_audiocraft.th",
        "tiny_32khz_solver.th"})
    void audiocraftPackagesWithNothingButTheirXpCfg(String file) {
        Converter.Result r = roundTrip(TestData.path("checkpoints/" + file), null, null);
        assertEquals("xp.cfg in the checkpoint", r.settingsFrom());
    }

    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz", "encodec_48khz", "encodec_32khz"})
    void fullSizePresetsRecognisedFromTheirTensors(String preset) {
        Converter.Result r = roundTrip(FullSize.checkpoint(preset), "auto", null);
        assertEquals(preset.equals("encodec_32khz") ? "xp.cfg in the checkpoint" : "preset recognised from the tensors",
                r.settingsFrom());
        int expected = switch (preset) {
            case "encodec_24khz" -> 252;
            case "encodec_48khz" -> 224;
            default -> 116;
        };
        assertEquals(expected, r.tensors());
    }

    /**
     * transformers 5 saves weight norm as parametrizations: a folder spelled that way loads with no missing,
     * unexpected or re-initialised weights and no warning about them, and converts back to the same bytes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tiny_24khz", "tiny_48khz"})
    void theParametrizedSpellingLoadsAndComesBackToo(String name) {
        Path checkpoint = TestData.path("checkpoints/" + name + ".th");
        Path folder = tmp.resolve("parametrized");
        Converter.toTransformers(checkpoint, null, TestData.path("configs/" + name + ".json"), folder, false,
                new Converter.Options(false, true));
        Python.Result load = Python.script("check_hf_load.py", "--folder", folder, "--checkpoint", checkpoint,
                "--weight-norm", "parametrized");
        assertEquals(0, load.exitCode(), load.output());
        assertTrue(load.lastLine().contains("\"weight_warnings\": []"), load.lastLine());
        Path back = tmp.resolve("back.th");
        Converter.toOriginal(folder, back, false);
        Python.Result same = Python.script("check_hf_load.py", "--original", back, "--checkpoint", checkpoint);
        assertEquals(0, same.exitCode(), same.output());
    }

    private Converter.Result roundTrip(Path checkpoint, String model, Path config) {
        Path folder = tmp.resolve("hf");
        Converter.Result r = Converter.toTransformers(checkpoint, model, config, folder, false);
        Python.Result load = Python.script("check_hf_load.py", "--folder", folder, "--checkpoint", checkpoint);
        assertEquals(0, load.exitCode(), load.output());
        assertTrue(load.lastLine().contains("\"missing_keys\": [], \"unexpected_keys\": [], \"mismatched_keys\": []"),
                load.lastLine());
        assertTrue(load.lastLine().contains("\"weight_warnings\": []"), load.lastLine());

        Path back = tmp.resolve("back.th");
        Converter.toOriginal(folder, back, false);
        Python.Result same = Python.script("check_hf_load.py", "--original", back, "--checkpoint", checkpoint);
        assertEquals(0, same.exitCode(), same.output());
        assertTrue(same.lastLine().contains("\"different_count\": 0"), same.lastLine());
        return r;
    }
}
