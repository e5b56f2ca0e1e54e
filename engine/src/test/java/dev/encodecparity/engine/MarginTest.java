package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Codec#margin} on a loaded model: the chosen code is at least as near as any other entry, with a positive
 * rounding bound. Margins are computed only where codes differ (a GPU with TF32 against CPU goldens, for one), so
 * nothing else runs this path; on the first GPU run it failed, a derived value landing in the sealed weights' manager.
 */
class MarginTest {
    private static final ComputeDevice CPU = ComputeDevice.resolve("cpu");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny_24khz, audio/music_24000hz_1ch.wav", "tiny_48khz, audio/speech_48000hz_2ch.wav",
            "tiny_32khz, audio/music_32000hz_1ch.wav"})
    void theChosenCodeIsTheNearestWithinAPositiveBound(String model, String clipPath) throws Exception {
        float[][] clip = AudioFiles.read(TestData.path(clipPath)).samples();
        try (Codec codec = Codec.load(ModelSource.original(TestData.path("checkpoints/" + model + ".th"), "auto",
                TestData.path("configs/" + model + ".json")), CPU)) {
            EncodedAudio codes = codec.encode(clip, 2);
            for (int q = 0; q < 2; q++) {
                long code = codes.codes().get(0)[q][3];
                DistanceMargin m = codec.margin(clip, 0, 3, q, code, code == 0 ? 1 : 0);
                assertTrue(m.distance() >= 0, model + " codebook " + q + ": " + m);
                assertTrue(m.rounding() > 0 && Double.isFinite(m.rounding()) && m.scale() > 0,
                        model + " codebook " + q + ": " + m);
            }
        }
    }
}
