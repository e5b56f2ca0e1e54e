package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.TestData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Codec#decodeSharingLstm}, which verify uses for a clip's bandwidths: the decoder's LSTM runs once per frame
 * count for all items instead of once per item, every item's audio stays within float32 rounding of decoding it
 * alone, and the same items give the same bits again.
 */
class LstmSharingTest {
    private static final ComputeDevice CPU = ComputeDevice.resolve("cpu");
    /** Far below verify's default atol (1e-5): what an LSTM rounding its products another way can move. */
    private static final double ROUNDING = 1e-6;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny_24khz, audio/music_24000hz_1ch.wav", "tiny_48khz, audio/speech_48000hz_2ch.wav",
            "tiny_32khz, audio/music_32000hz_1ch.wav"})
    void everyCodebookCountDecodedWithOneLstmRunIsTheLoneDecodeWithinRounding(String model, String clipPath)
            throws Exception {
        float[][] clip = AudioFiles.read(TestData.path(clipPath)).samples();
        try (Codec codec = Codec.load(ModelSource.original(TestData.path("checkpoints/" + model + ".th"), "auto",
                TestData.path("configs/" + model + ".json")), CPU)) {
            List<Double> bandwidths = codec.spec().bandwidths();
            EncodedAudio all = codec.encode(clip, codec.codebooksFor(bandwidths.get(bandwidths.size() - 1)));
            List<EncodedAudio> items = new ArrayList<>(); // as a clip's bandwidths: 1, 2, ... codebooks
            for (int n = 1; n <= all.codebooks(); n++) {
                items.add(all.firstCodebooks(n));
            }
            assertTrue(items.size() > 1, model + " has more than one codebook");

            StepTimes shared = new StepTimes();
            codec.profileInto(shared);
            List<float[][]> together = codec.decodeSharingLstm(items);
            StepTimes lone = new StepTimes();
            codec.profileInto(lone);
            List<float[][]> alone = new ArrayList<>();
            items.forEach(i -> alone.add(codec.decode(i)));
            codec.profileInto(StepTimes.NONE);

            String lstm = "decoder.1 (lstm)";
            Set<Integer> frameCounts = new HashSet<>();
            all.codes().forEach(chunk -> frameCounts.add(chunk[0].length));
            assertEquals(frameCounts.size(), shared.calls(lstm), "one LSTM run per frame count of the chunks");
            assertTrue(lone.calls(lstm) >= items.size(), "decoding alone runs the LSTM per item: "
                    + lone.calls(lstm));
            for (int i = 0; i < items.size(); i++) {
                String bw = (i + 1) + " codebooks";
                assertEquals(alone.get(i).length, together.get(i).length, bw + ": channels");
                for (int c = 0; c < alone.get(i).length; c++) {
                    assertEquals(alone.get(i)[c].length, together.get(i)[c].length, bw + ": samples");
                    for (int s = 0; s < alone.get(i)[c].length; s++) {
                        double d = Math.abs(alone.get(i)[c][s] - together.get(i)[c][s]);
                        if (d > ROUNDING) {
                            throw new AssertionError(bw + ", channel " + c + ", sample " + s + ": " + d);
                        }
                    }
                }
            }
            List<float[][]> again = codec.decodeSharingLstm(items);
            for (int i = 0; i < items.size(); i++) {
                for (int c = 0; c < together.get(i).length; c++) {
                    assertArrayEquals(together.get(i)[c], again.get(i)[c], "the same items give the same bits");
                }
            }
        }
    }
}
