package dev.encodecparity.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.testing.TestData;
import dev.encodecparity.verify.Clip;
import dev.encodecparity.verify.Extras;
import dev.encodecparity.verify.RowProgress;
import dev.encodecparity.verify.RowSelection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * golden check decodes a clip's golden codes together, as golden record decoded them ({@link GoldenDecodes}): every
 * entry of the clip at once, each one's audio the recorded audio bit for bit, and so a check of an unchanged model
 * finds no difference at all.
 */
class GoldenDecodesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny_24khz, speech_24000hz_1ch.wav, music_24000hz_1ch.wav",
            "tiny_48khz, speech_48000hz_2ch.wav, long_48000hz_2ch.wav"})
    void aCheckDecodesEachClipsEntriesTogetherAsTheRecordingDid(String model, String first, String second)
            throws Exception {
        Path goldens = tmp.resolve("goldens");
        try (ModelSource s = ModelSource.original(TestData.path("checkpoints/" + model + ".th"), "auto",
                TestData.path("configs/" + model + ".json"));
                Codec codec = Codec.load(s, ComputeDevice.resolve("cpu"))) {
            List<Clip> clips = List.of(Clip.read(TestData.path("audio/" + first), codec.spec()),
                    Clip.read(TestData.path("audio/" + second), codec.spec()));
            List<Double> bandwidths = codec.spec().bandwidths();
            GoldenManifest m = GoldenRecorder.record(codec, Map.of(), clips, bandwidths,
                    Outputs.builder().build().destination("--out", goldens, GoldenFolder.KIND));
            assertTrue(bandwidths.size() > 1, model + " has several bandwidths");

            int second0 = bandwidths.size(); // the second clip's first entry
            Map<Integer, float[][]> audio = GoldenDecodes.ofClip(codec, goldens, m, RowSelection.ALL, second0);
            assertEquals(bandwidths.size(), audio.size(), "every entry of the clip, decoded together");
            for (int i = second0; i < second0 + bandwidths.size(); i++) {
                GoldenManifest.Entry e = m.entries().get(i);
                float[][] recorded = AudioFiles.read(goldens.resolve(e.audio())).samples();
                assertTrue(audio.containsKey(i), "entry " + i);
                for (int c = 0; c < recorded.length; c++) {
                    assertArrayEquals(recorded[c], audio.get(i)[c], e.audio() + ", channel " + c);
                }
            }

            GoldenCheck.Report report = GoldenCheck.run(codec, goldens, m, Map.of(), m.tolerances(),
                    RowSelection.ALL, RowProgress.NONE, Extras.NONE);
            assertTrue(report.passed());
            assertEquals(2 * bandwidths.size(), report.rows().size());
            report.rows().forEach(r -> assertEquals(0.0, r.maxAbsError(), r.clip() + " at " + r.bandwidth()));
        }
    }
}
