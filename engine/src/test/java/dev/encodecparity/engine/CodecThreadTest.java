package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.TestData;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A codec used from a thread other than the one that started the engine computes exactly what that thread computes,
 * codes and every bit of the audio: libtorch keeps grad mode per thread, DJL turns it off only on the thread that
 * loads the engine, and with it on the same decode differed in the last bit of some samples.
 */
class CodecThreadTest {
    private static final ComputeDevice CPU = ComputeDevice.resolve("cpu");

    private record Result(EncodedAudio codes, float[][] audio) {
    }

    private static Result run(Codec codec, float[][] clip, int codebooks) {
        EncodedAudio codes = codec.encode(clip, codebooks);
        return new Result(codes, codec.decode(codes));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny_24khz, audio/music_24000hz_1ch.wav, 8", "tiny_48khz, audio/speech_48000hz_2ch.wav, 4",
            "tiny_32khz, audio/music_32000hz_1ch.wav, 4"})
    void anotherThreadComputesWhatTheLoadingThreadComputes(String model, String clipPath, int codebooks)
            throws Exception {
        float[][] clip = AudioFiles.read(TestData.path(clipPath)).samples();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Codec codec = Codec.load(ModelSource.original(TestData.path("checkpoints/" + model + ".th"), "auto",
                TestData.path("configs/" + model + ".json")), CPU)) {
            Result here = run(codec, clip, codebooks);
            Result there = CompletableFuture.supplyAsync(() -> run(codec, clip, codebooks), other).get();
            assertEquals(here.codes().codes().size(), there.codes().codes().size());
            for (int k = 0; k < here.codes().codes().size(); k++) {
                assertArrayEquals(here.codes().codes().get(k), there.codes().codes().get(k), "chunk " + k);
            }
            for (int c = 0; c < here.audio().length; c++) {
                assertArrayEquals(here.audio()[c], there.audio()[c], "channel " + c + ": bit for bit");
            }
        } finally {
            other.shutdown();
        }
    }
}
