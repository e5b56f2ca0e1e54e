package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.tensor.NonFinite;
import dev.encodecparity.testing.BrokenCheckpoints;
import dev.encodecparity.testing.TestData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine finds non-finite weights while loading, under the names of the layout it loads, and counts non-finite
 * values in the encoder's output per clip: NaN distances make every code 0, which looks like any other code.
 */
class NonFiniteEngineTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final ComputeDevice CPU = ComputeDevice.resolve("cpu");

    @TempDir
    Path tmp;

    private float[][] speech() {
        return AudioFiles.read(TestData.path("audio/speech_24000hz_1ch.wav")).samples();
    }

    @Test
    void loadingNamesTheNonFiniteWeightsInEitherLayout() {
        Path broken = BrokenCheckpoints.edited(CKPT, tmp.resolve("broken.th"), t -> {
            t.get("encoder.model.0.conv.conv.bias")[1] = Float.NaN;
            t.get("decoder.model.15.conv.conv.weight_g")[0] = Float.NEGATIVE_INFINITY;
        });
        try (ModelSource s = ModelSource.original(broken, null, CONFIG); Codec c = Codec.load(s, CPU)) {
            assertEquals(List.of(new NonFinite.Found("encoder.model.0.conv.conv.bias", new NonFinite.Count(1, 0, 0, 2)),
                    new NonFinite.Found("decoder.model.15.conv.conv.weight_g", new NonFinite.Count(0, 0, 1, 1))),
                    c.nonFiniteWeights());
            assertEquals(broken, c.file());
        }
        Path folder = tmp.resolve("hf");
        Converter.toTransformers(broken, null, CONFIG, folder, false, true);
        try (ModelSource s = ModelSource.transformers(folder); Codec c = Codec.load(s, CPU)) {
            assertEquals(List.of("encoder.layers.0.conv.bias", "decoder.layers.15.conv.weight_g"),
                    c.nonFiniteWeights().stream().map(NonFinite.Found::name).toList());
        }
        try (ModelSource s = ModelSource.original(CKPT, null, CONFIG); Codec c = Codec.load(s, CPU)) {
            assertEquals(List.of(), c.nonFiniteWeights());
        }
    }

    @Test
    void aNaNEncoderBiasMakesEveryCodeZeroAndTheEncoderOutputSaysSo() {
        Path broken = BrokenCheckpoints.withValue(CKPT, tmp.resolve("nan.th"), "encoder.model.0.conv.conv.bias", 1,
                Float.NaN);
        try (ModelSource s = ModelSource.original(broken, null, CONFIG); Codec c = Codec.load(s, CPU)) {
            EncodedAudio codes = c.encode(speech(), 4);
            long[][] chunk = codes.codes().get(0);
            assertTrue(Arrays.stream(chunk).flatMapToLong(Arrays::stream).allMatch(x -> x == 0), "codes not all 0");
            int frames = chunk[0].length;
            assertEquals(new NonFinite.Count(16L * frames, 0, 0, 16L * frames), codes.encoderOutput());
            assertFalse(codes.encoderOutputFinite());
            assertFalse(codes.firstCodebooks(2).encoderOutputFinite()); // a lower bandwidth's codes are as broken
        }
        try (ModelSource s = ModelSource.original(CKPT, null, CONFIG); Codec c = Codec.load(s, CPU)) {
            EncodedAudio codes = c.encode(speech(), 4);
            assertEquals(new NonFinite.Count(0, 0, 0, 16L * codes.codes().get(0)[0].length), codes.encoderOutput());
        }
    }

    @Test
    void inABatchEachClipHasItsOwnCount() {
        float[][] quiet = speech();
        float[][] loud = new float[1][quiet[0].length];
        for (int i = 0; i < loud[0].length; i++) {
            loud[0][i] = quiet[0][i] * 3e38f; // finite samples; the encoder's activations overflow
        }
        try (ModelSource s = ModelSource.original(CKPT, null, CONFIG); Codec c = Codec.load(s, CPU)) {
            List<EncodedAudio> both = c.encodeBatch(List.of(quiet, loud), 4); // equal lengths: one batch
            assertTrue(both.get(0).encoderOutputFinite());
            assertFalse(both.get(1).encoderOutputFinite());
            assertEquals(both.get(0).encoderOutput().values(), both.get(1).encoderOutput().values());
        }
    }
}
