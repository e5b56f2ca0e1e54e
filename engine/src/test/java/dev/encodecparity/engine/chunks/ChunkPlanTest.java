package dev.encodecparity.engine.chunks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.config.Presets;
import dev.encodecparity.engine.chunks.ChunkPlan.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunk boundaries worked out from the original's {@code range(0, length, stride)} (spec section 4.6). */
class ChunkPlanTest {
    private static final ChunkPlan KHZ48 = new ChunkPlan(48000, 47520);

    @Test
    void theModelsPlansComeFromTheirSpecs() {
        // int(1.0 * 48000) = 48000; max(1, int(0.99 * 48000)) = 47520.
        assertEquals(KHZ48, ChunkPlan.of(Presets.get("encodec_48khz").toSpec()));
        assertEquals(ChunkPlan.WHOLE_CLIP, ChunkPlan.of(Presets.get("encodec_24khz").toSpec()));
        assertTrue(KHZ48.chunked());
        assertFalse(ChunkPlan.WHOLE_CLIP.chunked());
    }

    @Test
    void exactlyOneSegmentAlreadyGivesAShortSecondChunk() {
        // range(0, 48000, 47520) = [0, 47520]: a full chunk and the 480 samples from 47520 to 48000.
        assertEquals(List.of(new Chunk(0, 0, 48000), new Chunk(1, 47520, 480)), KHZ48.chunks(48000));
    }

    @Test
    void theLastChunkIsWhatIsLeft() {
        assertEquals(List.of(new Chunk(0, 0, 48000), new Chunk(1, 47520, 12480)), KHZ48.chunks(60000));
        assertEquals(List.of(new Chunk(0, 0, 100)), KHZ48.chunks(100));
        // 2 * 47520 = 95040: range(0, 95040, 47520) stops before 95040; one sample more starts a third chunk.
        assertEquals(List.of(new Chunk(0, 0, 48000), new Chunk(1, 47520, 47520)), KHZ48.chunks(95040));
        assertEquals(new Chunk(2, 95040, 1), KHZ48.chunks(95041).get(2));
        assertEquals(3, KHZ48.chunks(95041).size());
    }

    @Test
    void aSmallPlanByHand() {
        // segment 5, stride 3, 11 samples: starts 0, 3, 6, 9; the last has 11 - 9 = 2 samples.
        assertEquals(List.of(new Chunk(0, 0, 5), new Chunk(1, 3, 5), new Chunk(2, 6, 5), new Chunk(3, 9, 2)),
                new ChunkPlan(5, 3).chunks(11));
    }

    @Test
    void aModelThatDoesNotChunkTakesTheWholeClip() {
        assertEquals(List.of(new Chunk(0, 0, 20000)), ChunkPlan.WHOLE_CLIP.chunks(20000));
        assertEquals(List.of(new Chunk(0, 0, 0)), ChunkPlan.WHOLE_CLIP.chunks(0));
    }

    @Test
    void anEmptyClipIsOneEmptyChunk() {
        assertEquals(List.of(new Chunk(0, 0, 0)), KHZ48.chunks(0));
    }

    @Test
    void oneChunkByIndex() {
        assertEquals(new Chunk(1, 47520, 12480), KHZ48.chunk(60000, 1));
        assertEquals(new Chunk(0, 0, 20000), ChunkPlan.WHOLE_CLIP.chunk(20000, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> KHZ48.chunk(60000, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> ChunkPlan.WHOLE_CLIP.chunk(20000, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> KHZ48.chunk(60000, -1));
    }

    @Test
    void aPlanNeedsAPositiveStride() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlan(-1, 1));
    }
}
