package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.compare.AudioComparison;
import dev.encodecparity.compare.CodeComparison;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.TestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Clips encoded and decoded as one batch give what they give one at a time (codes up to near ties). */
class BatchTest {
    @ParameterizedTest
    @ValueSource(strings = {"tiny_24khz", "tiny_48khz"})
    void aBatchMatchesOneByOne(String model) {
        String rate = model.equals("tiny_48khz") ? "48000hz_2ch" : "24000hz_1ch";
        List<float[][]> clips = new ArrayList<>();
        int length = model.equals("tiny_48khz") ? 60000 : 20000; // 48 kHz: two chunks
        for (String kind : List.of("speech", "music", "noise")) {
            float[][] a = AudioFiles.read(TestData.path("audio/" + kind + "_" + rate + ".wav")).samples();
            float[][] cut = new float[a.length][];
            for (int c = 0; c < a.length; c++) {
                cut[c] = Arrays.copyOf(a[c], length);
            }
            clips.add(cut);
        }
        try (ModelSource source = ModelSource.original(TestData.path("checkpoints/" + model + ".th"), "auto",
                TestData.path("configs/" + model + ".json"));
                Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            List<EncodedAudio> batch = codec.encodeBatch(clips, 8);
            List<float[][]> decoded = codec.decodeBatch(batch);
            assertEquals(3, batch.size());
            for (int i = 0; i < clips.size(); i++) {
                float[][] clip = clips.get(i);
                EncodedAudio alone = codec.encode(clip, 8);
                CodeComparison.Result r = CodeComparison.compare(alone, batch.get(i),
                        (k, t, q, a, b) -> codec.margin(clip, k, t, q, a, b));
                assertTrue(r.passes(0), "clip " + i + ": " + r.mismatches());
                if (alone.scales() != null) {
                    // Each chunk's scale is reduced alone (ChunkScaleTest), so batching does not change a bit.
                    assertArrayEquals(alone.scales(), batch.get(i).scales(), "clip " + i + ": scales");
                }
                AudioComparison a = AudioComparison.of(codec.decode(batch.get(i)), decoded.get(i));
                assertTrue(!a.lengthsDiffer() && a.maxAbsError() <= 1e-5, "clip " + i + ": " + a);
            }
        }
    }
}
