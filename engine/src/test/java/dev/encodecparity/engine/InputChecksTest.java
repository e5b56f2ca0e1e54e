package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.config.Presets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every refusal of a model's inputs, with the message a user reads, word for word. */
class InputChecksTest {
    /** Mono, unchunked, not normalised, 1024 entries per codebook; 32 codebooks. */
    private static final InputChecks MONO = new InputChecks(Presets.get("encodec_24khz").toSpec(), 32);
    /** Stereo, chunked, normalised, 1024 entries per codebook; 16 codebooks. */
    private static final InputChecks STEREO = new InputChecks(Presets.get("encodec_48khz").toSpec(), 16);

    private static String refusal(Class<? extends RuntimeException> type, Executable check) {
        return assertThrows(type, check).getMessage();
    }

    @Test
    void audioHasTheModelsChannelsOfOneLength() {
        MONO.audio(new float[1][10]);
        STEREO.audio(new float[2][10]);
        assertEquals("the model expects 1 channel, the audio has 2",
                refusal(BadInputException.class, () -> MONO.audio(new float[2][10])));
        assertEquals("the model expects 2 channels, the audio has 1",
                refusal(BadInputException.class, () -> STEREO.audio(new float[1][10])));
        assertEquals("channels of different lengths",
                refusal(IllegalArgumentException.class, () -> STEREO.audio(new float[][] {new float[3],
                        new float[4]})));
    }

    @Test
    void codebooksAreOneToTheModels() {
        MONO.codebooks(1);
        MONO.codebooks(32);
        assertEquals("codebooks must be 1..32", refusal(IllegalArgumentException.class, () -> MONO.codebooks(0)));
        assertEquals("codebooks must be 1..16", refusal(IllegalArgumentException.class, () -> STEREO.codebooks(17)));
    }

    @Test
    void aBandwidthMustBeOneOfTheModels() {
        // 6 kbps / (log2(1024) bits * 75 frames/s) = 8 codebooks at 24 kHz; / (10 * 150) = 4 at 48 kHz.
        assertEquals(8, MONO.codebooksFor(6));
        assertEquals(4, STEREO.codebooksFor(6));
        assertEquals(32, MONO.codebooksFor(24.0000000001));
        assertEquals("bandwidth 5.0 kbps is not one of this model's: [1.5, 3.0, 6.0, 12.0, 24.0]",
                refusal(BadInputException.class, () -> MONO.codebooksFor(5)));
    }

    private static EncodedAudio codes(float[] scales, long[][]... chunks) {
        return new EncodedAudio(List.of(chunks), scales);
    }

    @Test
    void codesFitTheModel() {
        MONO.codes(codes(null, new long[][] {{0, 1023}, {5, 6}}));
        STEREO.codes(codes(new float[] {1, 2}, new long[][] {{1}}, new long[][] {{2}}));
        assertEquals("the codes have 2 chunks; this model does not chunk, so it decodes exactly one",
                refusal(BadInputException.class, () -> MONO.codes(codes(null, new long[][] {{1}},
                        new long[][] {{2}}))));
        assertEquals("the codes have no scales; this model normalises and needs one per chunk",
                refusal(BadInputException.class, () -> STEREO.codes(codes(null, new long[][] {{1}}))));
        assertEquals("the codes have scales; this model does not normalise",
                refusal(BadInputException.class, () -> MONO.codes(codes(new float[] {1}, new long[][] {{1}}))));
        assertEquals("chunk 1 has 17 codebooks; the model has 1..16", refusal(BadInputException.class,
                () -> STEREO.codes(codes(new float[] {1, 1}, new long[][] {{1}}, new long[17][1]))));
        assertEquals("chunk 0 has 0 codebooks; the model has 1..32",
                refusal(BadInputException.class, () -> MONO.codes(codes(null, new long[0][]))));
        assertEquals("chunk 0 codebook 1 has 1 frames, codebook 0 has 2",
                refusal(BadInputException.class, () -> MONO.codes(codes(null, new long[][] {{1, 2}, {3}}))));
        assertEquals("chunk 0 codebook 0 has 0 frames, codebook 0 has 0",
                refusal(BadInputException.class, () -> MONO.codes(codes(null, new long[][] {{}}))));
        assertEquals("code 1024 at chunk 0, codebook 1, frame 0 is outside the model's 1024 codebook entries",
                refusal(BadInputException.class, () -> MONO.codes(codes(null, new long[][] {{1, 2}, {1024, 0}}))));
        assertEquals("code -1 at chunk 0, codebook 0, frame 1 is outside the model's 1024 codebook entries",
                refusal(BadInputException.class, () -> MONO.codes(codes(null, new long[][] {{1, -1}}))));
    }
}
