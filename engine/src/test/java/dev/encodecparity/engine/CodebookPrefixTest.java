package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.TestData;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A clip encoded at a lower bandwidth gives, bit for bit, the first codebooks of its codes at the highest: the
 * quantizer is residual, codebook q depending only on the codebooks before it. verify, golden record and golden check
 * therefore encode each clip once, at its most codebooks, and take the others as prefixes.
 */
class CodebookPrefixTest {
    private static final ComputeDevice CPU = ComputeDevice.resolve("cpu");

    @ParameterizedTest(name = "{0}, streamed {2}")
    @CsvSource({"tiny_24khz, audio/music_24000hz_1ch.wav, false", "tiny_24khz, audio/music_24000hz_1ch.wav, true",
            "tiny_48khz, audio/speech_48000hz_2ch.wav, false", "tiny_48khz, audio/speech_48000hz_2ch.wav, true",
            "tiny_32khz, audio/music_32000hz_1ch.wav, false"})
    void fewerCodebooksAreTheFirstCodebooksOfTheMost(String model, String clipPath, boolean streamed)
            throws Exception {
        float[][] clip = AudioFiles.read(TestData.path(clipPath)).samples();
        try (Codec codec = Codec.load(ModelSource.original(TestData.path("checkpoints/" + model + ".th"), "auto",
                TestData.path("configs/" + model + ".json")), CPU)) {
            List<Double> bandwidths = codec.spec().bandwidths();
            int most = codec.codebooksFor(bandwidths.get(bandwidths.size() - 1));
            EncodedAudio all = codec.encode(clip, most, streamed);
            assertTrue(most > 1, model + " has more than one codebook at its highest bandwidth");
            for (int n = 1; n < most; n++) {
                String bw = n + " codebooks";
                EncodedAudio alone = codec.encode(clip, n, streamed);
                EncodedAudio prefix = all.firstCodebooks(n);
                assertEquals(alone.chunks(), prefix.chunks());
                assertArrayEquals(alone.scales(), prefix.scales(), bw + ": scales");
                for (int k = 0; k < alone.chunks(); k++) {
                    long[][] a = alone.codes().get(k);
                    assertEquals(n, a.length, bw + ": codebooks of chunk " + k);
                    for (int q = 0; q < n; q++) {
                        assertArrayEquals(a[q], prefix.codes().get(k)[q], bw + ": chunk " + k + ", codebook "
                                + q);
                    }
                }
            }
        }
    }
}
