package dev.encodecparity.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.plot.RowPlots;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify passes on correct conversions and fails, naming the right first diverging module and tensor, on the
 * conversions a buggy converter would produce. Uses two clips and the tiny models to stay fast; the CLI tests and
 * the full-size tests run the defaults.
 */
class VerifyTest {
    private static final Path CKPT_48 = TestData.path("checkpoints/tiny_48khz.th");
    private static final Path CONFIG_48 = TestData.path("configs/tiny_48khz.json");
    private static final Path CKPT_24 = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG_24 = TestData.path("configs/tiny_24khz.json");

    @TempDir
    Path tmp;
    private Path good48;
    private Path good24;

    @BeforeEach
    void convert() {
        good48 = tmp.resolve("good48");
        Converter.toTransformers(CKPT_48, null, CONFIG_48, good48, false);
        good24 = tmp.resolve("good24");
        Converter.toTransformers(CKPT_24, null, CONFIG_24, good24, false);
    }

    @Test
    void aCorrectConversionPasses() {
        VerifyReport r = verify(CKPT_48, CONFIG_48, good48);
        assertEquals(Verdict.PASS, r.verdict());
        assertNull(r.diagnosis());
        assertEquals(6, r.rows().size()); // 2 clips x 3 bandwidths
        assertTrue(r.rows().stream().allMatch(x -> x.codesEqual() && x.maxAbsError() == 0));
        assertTrue(r.inputs().keySet().stream().anyMatch(k -> k.startsWith("checkpoint ")));
        assertEquals("2.7.1", r.engine().libtorch());
        assertNull(r.traces(), "no --trace: a passing run is not traced");
    }

    @Test
    void traceAllTracesEveryClipInTheRunsOrder() {
        List<Path> clips = List.of(TestData.path("audio/speech_24000hz_1ch.wav"),
                TestData.path("audio/odd_24000hz_1ch.wav"));
        VerifyReport r = Verification.run(new Verification.Options(CKPT_24, "auto", CONFIG_24, good24, clips,
                List.of(), 1e-5), ComputeDevice.resolve("cpu"), s -> { }, RowProgress.NONE,
                new Extras(TraceMode.ALL, RowPlots.NONE));
        assertEquals(Verdict.PASS, r.verdict());
        assertEquals(List.of("speech_24000hz_1ch.wav", "odd_24000hz_1ch.wav"), r.traces().stream()
                .map(LayerProfile::clip).toList(), "one trace a clip, not one a row");
        for (LayerProfile t : r.traces()) {
            assertNull(t.firstOverTolerance());
            assertEquals(0.0, t.maxAbsDifference(), "a correct conversion: every module's output identical");
            assertTrue(t.modules().size() > 10, "every module: " + t.modules().size());
        }
    }

    @Test
    void aGroupNormResetToItsInitialValueIsFound() throws IOException {
        // What the old script did to every 48 kHz GroupNorm; here just one.
        Path broken = Breakage.tensors(good48, tmp.resolve("b"), t -> {
            Arrays.fill(t.get("encoder.layers.4.block.1.norm.weight"), 1f);
            Arrays.fill(t.get("encoder.layers.4.block.1.norm.bias"), 0f);
        });
        VerifyReport.Diagnosis d = failing(verify(CKPT_48, CONFIG_48, broken));
        assertEquals("encoder.4", d.module());
        assertEquals("residual block", d.kind());
        assertEquals("encoder.3", d.previous());
        assertTensorDiffers(d, "encoder.model.4.block.1.conv.norm.weight", "encoder.layers.4.block.1.norm.weight");
        assertTensorDiffers(d, "encoder.model.4.block.1.conv.norm.bias", "encoder.layers.4.block.1.norm.bias");
        assertEquals(2, d.tensors().stream().filter(t -> t.differing() > 0).count());
    }

    @Test
    void twoSameShapeTensorsSwappedAreFound() throws IOException {
        Path broken = Breakage.tensors(good24, tmp.resolve("b"), t -> {
            float[] ih = t.get("encoder.layers.13.lstm.weight_ih_l0");
            t.put("encoder.layers.13.lstm.weight_ih_l0", t.get("encoder.layers.13.lstm.weight_hh_l0"));
            t.put("encoder.layers.13.lstm.weight_hh_l0", ih);
        });
        VerifyReport.Diagnosis d = failing(verify(CKPT_24, CONFIG_24, broken));
        assertEquals("encoder.13", d.module());
        assertEquals("lstm", d.kind());
        assertTensorDiffers(d, "encoder.model.13.lstm.weight_ih_l0", "encoder.layers.13.lstm.weight_ih_l0");
        assertTensorDiffers(d, "encoder.model.13.lstm.weight_hh_l0", "encoder.layers.13.lstm.weight_hh_l0");
    }

    @Test
    void aTransposedWeightIsFound() throws IOException {
        // A square weight ([C, C, 1], the shortcut conv), so the shape check cannot catch it.
        Path broken = Breakage.tensors(good24, tmp.resolve("b"), t -> t.put("decoder.layers.10.shortcut.conv.weight_v",
                Breakage.transpose01(t.get("decoder.layers.10.shortcut.conv.weight_v"), 1)));
        VerifyReport.Diagnosis d = failing(verify(CKPT_24, CONFIG_24, broken));
        assertEquals("decoder.10", d.module());
        assertEquals("decoding", d.stage());
        assertTensorDiffers(d, "decoder.model.10.shortcut.conv.conv.weight_v",
                "decoder.layers.10.shortcut.conv.weight_v");
    }

    @Test
    void aChangedPadModeIsFound() throws IOException {
        Path broken = Breakage.config(good48, tmp.resolve("b"), c -> c.put("pad_mode", "constant"));
        VerifyReport r = verify(CKPT_48, CONFIG_48, broken);
        assertEquals(List.of("pad_mode: reflect vs constant"), r.settingDifferences());
        VerifyReport.Diagnosis d = failing(r);
        assertEquals("encoder.0", d.module());
        assertTrue(d.tensors().stream().allMatch(t -> t.differing() == 0));
        assertTrue(d.summary().contains("the difference comes from the settings"), d.summary());
    }

    @Test
    void oneChangedCodebookRowIsFound() throws IOException {
        // Row 0 of codebook 0, shifted far enough to change which entry some frames pick.
        Path broken = Breakage.tensors(good24, tmp.resolve("b"), t -> {
            float[] embed = t.get("quantizer.layers.0.codebook.embed");
            for (int i = 0; i < 16; i++) {
                embed[i] += 5f;
            }
        });
        VerifyReport r = verify(CKPT_24, CONFIG_24, broken);
        VerifyReport.Diagnosis d = failing(r);
        assertTrue(d.module().equals("quantizer.0") || d.module().equals("quantizer.decode"), d.module());
        VerifyReport.TensorDiff t = d.tensors().stream().filter(x -> x.differing() > 0).findFirst().orElseThrow();
        assertEquals("quantizer.vq.layers.0._codebook.embed", t.original());
        assertEquals("quantizer.layers.0.codebook.embed", t.transformers());
        assertEquals(16, t.differing());
        assertEquals(0, t.firstDifferingIndex());
    }

    @Test
    void aCheckpointAndAFolderOfDifferentModelsIsBadInput() {
        BadInputException e = assertThrowsBad(() -> verify(CKPT_24, CONFIG_24, good48));
        assertTrue(e.getMessage().contains("is not a conversion of tiny_24khz.th: different model"), e.getMessage());
    }

    @Test
    void audioAtTheWrongRateIsBadInput() {
        BadInputException e = assertThrowsBad(() -> Verification.run(new Verification.Options(CKPT_48, "auto",
                CONFIG_48, good48, List.of(TestData.path("audio/speech_24000hz_1ch.wav")), List.of(), 1e-5),
                ComputeDevice.resolve("cpu"), s -> { }));
        assertTrue(e.getMessage().contains("the audio is 24000 Hz; this model expects 48000 Hz"), e.getMessage());
    }

    @Test
    void audioWithTheWrongChannelCountIsBadInput() throws IOException {
        Path mono = tmp.resolve("mono.npy"); // a .npy has no rate: only the channels can be wrong
        dev.encodecparity.audio.NpyWriter.write(mono, dev.encodecparity.audio.NdArray.float32(new float[9600], 1,
                9600));
        BadInputException e = assertThrowsBad(() -> Verification.run(new Verification.Options(CKPT_48, "auto",
                CONFIG_48, good48, List.of(mono), List.of(), 1e-5), ComputeDevice.resolve("cpu"), s -> { }));
        assertTrue(e.getMessage().contains("mono.npy: the audio has 1 channel; this model expects 2"), e.getMessage());
    }

    private VerifyReport verify(Path checkpoint, Path config, Path converted) {
        String rate = config.toString().contains("48") ? "48000hz_2ch" : "24000hz_1ch";
        return Verification.run(new Verification.Options(checkpoint, "auto", config, converted,
                List.of(TestData.path("audio/speech_" + rate + ".wav"), TestData.path("audio/odd_" + rate + ".wav")),
                List.of(), 1e-5), ComputeDevice.resolve("cpu"), s -> { });
    }

    private static VerifyReport.Diagnosis failing(VerifyReport r) {
        assertEquals(Verdict.FAIL, r.verdict());
        assertNotNull(r.diagnosis(), "no diagnosis for a failing verify");
        return r.diagnosis();
    }

    private static void assertTensorDiffers(VerifyReport.Diagnosis d, String original, String transformers) {
        VerifyReport.TensorDiff t = d.tensors().stream().filter(x -> x.original().equals(original)).findFirst()
                .orElseThrow(() -> new AssertionError(original + " not among " + d.tensors()));
        assertEquals(transformers, t.transformers());
        assertTrue(t.differing() > 0, original + " should differ: " + t);
        assertTrue(d.summary().contains(original), d.summary());
    }

    private static BadInputException assertThrowsBad(org.junit.jupiter.api.function.Executable x) {
        return org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, x);
    }
}
