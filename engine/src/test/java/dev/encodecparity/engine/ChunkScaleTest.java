package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.NdArray;
import dev.encodecparity.audio.NpzReader;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A chunking model's scales, bit for bit, against transformers' EncodecModel at the same torch thread count
 * (testdata/scales, made by testdata/scripts/make_scales_by_threads.py). How torch splits a chunk's sum between its
 * threads sets the scale's last bit, so the engine must reduce each chunk alone, as the original does, even when it
 * encodes chunks as a batch: with the batch reduced as one array, the long clip's second chunk came out one ulp off at
 * 2 threads or more.
 */
class ChunkScaleTest {
    private static final List<String> CLIPS = List.of("speech", "music", "noise", "silence", "odd", "long");

    @Test
    void scalesAreTheOriginalsAtEachThreadCount() {
        Map<String, NdArray> want = NpzReader.read(TestData.path("scales/tiny_48khz_by_threads.npz"));
        int compared = 0;
        try (Codec codec = Codec.load(ModelSource.original(TestData.path("checkpoints/tiny_48khz.th"), "auto",
                TestData.path("configs/tiny_48khz.json")), ComputeDevice.resolve("cpu"))) {
            int before = JniUtils.getNumThreads(); // a per-thread setting under OpenMP: this thread's, restored below
            try {
                compared = compare(codec, want);
            } finally {
                JniUtils.setNumThreads(before);
            }
        }
        assertTrue(compared >= 40, "scales compared: " + compared);
    }

    private static int compare(Codec codec, Map<String, NdArray> want) {
        int compared = 0;
        for (String kind : CLIPS) {
            float[][] clip = AudioFiles.read(TestData.path("audio/" + kind + "_48000hz_2ch.wav")).samples();
            for (int threads = 1; threads <= 4; threads++) {
                JniUtils.setNumThreads(threads);
                float[] got = codec.encode(clip, codec.codebooksFor(codec.spec().bandwidths().get(0))).scales();
                assertArrayEquals(want.get(kind + "_48000hz_2ch.threads" + threads).floatData(), got,
                        kind + " at " + threads + " threads");
                compared += got.length;
            }
        }
        return compared;
    }
}
