package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.AudioSink;
import dev.encodecparity.audio.AudioSource;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.compare.AudioComparison;
import dev.encodecparity.compare.CodeComparison;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.FullSize;
import dev.encodecparity.tensor.NonFinite;
import dev.encodecparity.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A clip streamed in blocks gives the whole-clip result: codes identical but near ties (judged by the whole-clip
 * model's own distance margin), audio within 1e-5, lengths equal. Both sides run through the engine; the whole-clip
 * side is what {@code GoldenTest} checks against the original implementation. Blocks are made small enough to be
 * shorter than a convolution's kernel and stride (down to one sample, one frame), of odd sizes, and longer than the
 * clip.
 */
class StreamingTest {
    private static final double AUDIO_ATOL = 1e-5;

    @ParameterizedTest(name = "{0}: {1} samples in blocks of {2}")
    @CsvSource({
        // clip shorter than every padding, than one block, and than the first conv's kernel
        "tiny_24khz, 1, 4096", "tiny_24khz, 5, 2", "tiny_24khz, 9, 1", "tiny_24khz, 500, 4096",
        // blocks shorter than kernels and strides, odd lengths
        "tiny_24khz, 961, 1", "tiny_24khz, 2001, 3", "tiny_24khz, 4799, 7", "tiny_24khz, 20001, 333",
        "tiny_24khz, 36000, 4096",
        "tiny_32khz, 1, 4096", "tiny_32khz, 4, 3", "tiny_32khz, 11, 2", "tiny_32khz, 700, 4096",
        "tiny_32khz, 1281, 1", "tiny_32khz, 2561, 5", "tiny_32khz, 6399, 64", "tiny_32khz, 31999, 1001"})
    void tinyUnchunkedModels(String model, int length, int block) {
        try (ModelSource source = tiny(model); Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            float[][] clip = cut(clip(model, "speech"), length);
            compare(codec, clip, block, Math.max(1, block / codec.spec().architecture().hopLength()));
            if (block >= 7) { // the tiniest blocks cost a native call per layer per sample: speech alone
                compare(codec, cut(clip(model, "music"), Math.min(length, 4000)), block, 1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"noise", "silence", "odd", "long"})
    void tinyUnchunkedModelsOnEveryBundledClip(String kind) {
        for (String model : new String[] {"tiny_24khz", "tiny_32khz"}) {
            try (ModelSource source = tiny(model); Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
                compare(codec, clip(model, kind), 2999, 3);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz", "encodec_32khz"})
    void fullSizeUnchunkedPresets(String preset) {
        try (ModelSource source = ModelSource.original(FullSize.checkpoint(preset), "auto", null);
                Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            float[][] clip = AudioFiles.read(FullSize.dir(preset).resolve("clip.wav")).samples();
            compare(codec, cut(clip, clip[0].length - 7), 5003, 7);
        }
    }

    /**
     * Streamed against the original implementation itself: the goldens that transformers' EncodecModel wrote (the
     * same goldens {@code GoldenTest} holds the whole-clip path to), streamed in blocks of 997 samples and 3 frames.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tiny_24khz", "tiny_32khz", "tiny_48khz"})
    void streamedMatchesTheOriginalsGoldens(String model) {
        Goldens g = Goldens.read(TestData.path("goldens/" + model), TestData.path(""));
        try (ModelSource source = tiny(model); Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            for (Goldens.Entry e : g.entries()) {
                float[][] audio = AudioFiles.read(e.clip()).samples();
                EncodedAudio golden = CodesFile.read(e.codes());
                EncodedAudio ours = codec.encodeStreamed(audio, e.codebooks(), 997);
                CodeComparison.Result r = CodeComparison.compare(golden, ours,
                        (k, t, q, a, b) -> codec.margin(audio, k, t, q, a, b));
                assertTrue(r.structure().isEmpty() && r.passes(0), e.codes() + ": " + r.mismatches());
                if (e.audio() != null) {
                    AudioComparison a = AudioComparison.of(AudioFiles.read(e.audio()).samples(),
                            codec.decodeStreamed(golden, 3));
                    assertTrue(!a.lengthsDiffer() && a.maxAbsError() <= AUDIO_ATOL, e.audio() + ": " + a);
                }
            }
        }
    }

    /** Chunks stream batch by batch: bit for bit today's result, over more than one batch and a short last chunk. */
    @Test
    void chunkingModelStreamsItsBatchesBitForBit() {
        try (ModelSource source = tiny("tiny_48khz"); Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            float[][] base = clip("tiny_48khz", "speech");
            // 11 full chunks (batches hold 10) and two short ones: 12 * 47520 + 461 samples
            int length = 12 * 47520 + 461;
            float[][] clip = new float[base.length][length];
            for (int c = 0; c < base.length; c++) {
                for (int i = 0; i < length; i++) {
                    clip[c][i] = base[c][i % base[c].length] * (1 + (i / 47520) % 3);
                }
            }
            int codebooks = codec.codebooksFor(codec.spec().bandwidths().get(0));
            EncodedAudio whole = codec.encode(clip, codebooks);
            EncodedAudio streamed = codec.encode(clip, codebooks, true);
            assertTrue(whole.sameAs(streamed), "streamed codes differ");
            assertTrue(whole.chunks() > 11);
            float[][] want = codec.decode(whole);
            float[][] got = codec.decode(whole, true);
            assertEquals(want.length, got.length);
            for (int c = 0; c < want.length; c++) {
                assertArrayEquals(want[c], got[c], "channel " + c);
            }
        }
    }

    /**
     * The clip goes through in bounded pieces: a streamed encode reads its source a block (a batch of chunks) at a
     * time, never the whole clip, and a streamed decode hands its sink blocks as they become final; the codes and the
     * audio are the whole-clip ones (chunks bit for bit, blocks within float32 rounding).
     */
    @ParameterizedTest
    @CsvSource({"tiny_24khz, 400000, 131072", "tiny_48khz, 1300000, 524288"})
    void sourceAndSinkSeeBoundedBlocks(String model, int length, int bound) throws Exception {
        try (ModelSource source = tiny(model); Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            float[][] clip = cut(clip(model, "speech"), length);
            int codebooks = codec.codebooksFor(codec.spec().bandwidths().get(0));
            int[] largestRead = {0};
            AudioSource inner = AudioSource.of(Audio.of(clip, codec.spec().sampleRate()));
            AudioSource counting = new AudioSource() {
                @Override
                public int channels() {
                    return inner.channels();
                }

                @Override
                public java.util.OptionalInt sampleRate() {
                    return inner.sampleRate();
                }

                @Override
                public long frames() {
                    return inner.frames();
                }

                @Override
                public int read(float[][] into, int offset, int n) {
                    largestRead[0] = Math.max(largestRead[0], n);
                    return inner.read(into, offset, n);
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
            EncodedAudio whole = codec.encode(clip, codebooks);
            EncodedAudio streamed = codec.encode(counting, codebooks);
            assertTrue(largestRead[0] <= bound + codec.spec().segmentLength(), "read " + largestRead[0] + " at once");
            CodeComparison.Result r = CodeComparison.compare(whole, streamed,
                    (k, t, q, a, b) -> codec.margin(clip, k, t, q, a, b));
            assertTrue(r.structure().isEmpty() && r.passes(0), r.mismatches().toString());
            float[][] want = codec.decode(whole);
            float[][] got = new float[want.length][want[0].length];
            int[] at = {0};
            int[] largestBlock = {0};
            assertEquals(want[0].length, codec.decodedLength(whole));
            NonFinite.Count bad = codec.decode(whole, new AudioSink() {
                @Override
                public void write(float[][] block, int offset, int n) {
                    largestBlock[0] = Math.max(largestBlock[0], n);
                    for (int c = 0; c < block.length; c++) {
                        System.arraycopy(block[c], offset, got[c], at[0], n);
                    }
                    at[0] += n;
                }

                @Override
                public void finish() {
                }

                @Override
                public void close() {
                }
            });
            assertFalse(bad.any());
            assertEquals(want[0].length, at[0]);
            assertTrue(largestBlock[0] <= bound, "handed on " + largestBlock[0] + " samples at once");
            AudioComparison a = AudioComparison.of(want, got);
            assertTrue(a.maxAbsError() <= (codec.spec().chunked() ? 0 : AUDIO_ATOL), a.toString());
        }
    }

    @Test
    void aModelThatNormalisesOverTheWholeClipDoesNotStream() {
        try (ModelSource source = tiny("tiny_48khz"); Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            assertTrue(codec.streams()); // it chunks
        }
        var spec = tinySpecUnchunked48();
        assertFalse(MemoryEstimate.streamable(spec));
    }

    private static dev.encodecparity.spec.ModelSpec tinySpecUnchunked48() {
        try (ModelSource source = tiny("tiny_48khz")) {
            var s = source.spec();
            return new dev.encodecparity.spec.ModelSpec(s.architecture(), s.sampleRate(), s.causal(), s.padMode(),
                    s.normalize(), 0, 0, s.trimRightRatio(), s.frameRate(), s.bandwidths());
        }
    }

    private static void compare(Codec codec, float[][] clip, int block, int blockFrames) {
        int codebooks = codec.codebooksFor(codec.spec().bandwidths().get(codec.spec().bandwidths().size() - 1));
        EncodedAudio whole = codec.encode(clip, codebooks);
        EncodedAudio streamed = codec.encodeStreamed(clip, codebooks, block);
        CodeComparison.Result r = CodeComparison.compare(whole, streamed,
                (k, t, q, a, b) -> codec.margin(clip, k, t, q, a, b));
        String what = codec.spec().sampleRate() + " Hz, " + clip[0].length + " samples, blocks of " + block;
        assertTrue(r.structure().isEmpty(), what + ": " + r.structure());
        assertTrue(r.passes(0), what + ": " + r.mismatches());
        float[][] want = codec.decode(whole);
        AudioComparison a = AudioComparison.of(want, codec.decodeStreamed(whole, blockFrames));
        assertTrue(!a.lengthsDiffer() && a.maxAbsError() <= AUDIO_ATOL, what + ", " + blockFrames + " frames: " + a);
        System.out.println(what + " (decoded in blocks of " + blockFrames + " frames): " + r.differing() + " of "
                + r.codes() + " codes differ (near ties), audio max error " + a.maxAbsError());
    }

    private static ModelSource tiny(String model) {
        return ModelSource.original(TestData.path("checkpoints/" + model + ".th"), "auto",
                TestData.path("configs/" + model + ".json"));
    }

    private static float[][] clip(String model, String kind) {
        String rate = switch (model) {
            case "tiny_24khz" -> "24000hz_1ch";
            case "tiny_32khz" -> "32000hz_1ch";
            default -> "48000hz_2ch";
        };
        return AudioFiles.read(TestData.path("audio/" + kind + "_" + rate + ".wav")).samples();
    }

    /** The first {@code length} samples, the clip repeated where it is shorter. */
    private static float[][] cut(float[][] a, int length) {
        float[][] out = new float[a.length][length];
        for (int c = 0; c < a.length; c++) {
            for (int i = 0; i < length; i++) {
                out[c][i] = a[c][i % a[c].length];
            }
        }
        return out;
    }

}
