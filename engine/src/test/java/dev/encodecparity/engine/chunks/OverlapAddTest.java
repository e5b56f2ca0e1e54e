package dev.encodecparity.engine.chunks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The original's {@code _linear_overlap_add} worked out by hand, with weights and samples chosen so that every step is
 * exact in float32.
 */
class OverlapAddTest {
    /** {@code 0.5 - |t - 0.5|} over {@code linspace(0, 1, 5)[1:-1] = [0.25, 0.5, 0.75]}. */
    private static final float[] WINDOW3 = {0.25f, 0.5f, 0.25f};

    @Test
    void overlappingSamplesAreTheWeightedMean() {
        // Chunks of 3 and 2 samples, stride 2: total max(0 + 3, 2 + 2) = 4.
        OverlapAdd ola = new OverlapAdd(WINDOW3, 2, 1, new int[] {3, 2});
        ola.add(new float[] {4, 8, 12});
        ola.add(new float[] {16, 20});
        // 0: 0.25*4 / 0.25 = 4; 1: 0.5*8 / 0.5 = 8; 2: (0.25*12 + 0.25*16) / (0.25 + 0.25) = 7 / 0.5 = 14;
        // 3: 0.5*20 / 0.5 = 20.
        assertArrayEquals(new float[][] {{4, 8, 14, 20}}, ola.result());
    }

    @Test
    void channelsShareTheWeights() {
        OverlapAdd ola = new OverlapAdd(WINDOW3, 2, 2, new int[] {3, 3});
        ola.add(new float[] {4, 8, 12, /* channel 1 */ 1, 1, 1});
        ola.add(new float[] {16, 20, 24, /* channel 1 */ 3, 3, 3});
        // Total 2 + 3 = 5; sample 2 is the only overlap: (0.25*12 + 0.25*16) / 0.5 = 14, (0.25*1 + 0.25*3) / 0.5 = 2.
        assertArrayEquals(new float[][] {{4, 8, 14, 20, 24}, {1, 1, 2, 3, 3}}, ola.result());
    }

    @Test
    void aSampleCoveredOnceIsWeightedThenDividedAsInTheOriginal() {
        // (0.1f * 1.2857143f) / 0.1f is 1.2857144f in float32 (numpy: bits 1067749961 -> 1067749962), not the sample.
        float sample = Float.intBitsToFloat(1067749961);
        OverlapAdd ola = new OverlapAdd(new float[] {0.1f}, 1, 1, new int[] {1});
        ola.add(new float[] {sample});
        assertEquals(1067749962, Float.floatToRawIntBits(ola.result()[0][0]));
    }

    @Test
    void theTotalIsWhereTheFurthestChunkEnds() {
        // The original's stride * (chunks - 1) + last: 47520 + 480 = 48000 for a clip of exactly one 48 kHz segment.
        assertEquals(48000, OverlapAdd.totalLength(47520, new int[] {48000, 480}));
        assertEquals(95040, OverlapAdd.totalLength(47520, new int[] {48000, 47520}));
        // A short middle chunk does not shorten the clip: max(5, 3 + 2, 6 + 5) = 11.
        assertEquals(11, OverlapAdd.totalLength(3, new int[] {5, 2, 5}));
        assertEquals(11, new OverlapAdd(new float[5], 3, 1, new int[] {5, 2, 5}).totalLength());
    }

    @Test
    void samplesNoChunkCoversAreZeroOverZero() {
        OverlapAdd ola = new OverlapAdd(new float[] {0.5f, 0.5f}, 4, 1, new int[] {2, 2});
        ola.add(new float[] {1, 1});
        ola.add(new float[] {1, 1});
        float[] out = ola.result()[0];
        assertEquals(6, out.length);
        assertTrue(Float.isNaN(out[2]) && Float.isNaN(out[3]), java.util.Arrays.toString(out));
        assertEquals(1f, out[4]);
    }

    @Test
    void aChunkLongerThanTheFirstHasNoWeights() {
        OverlapAdd ola = new OverlapAdd(WINDOW3, 2, 1, new int[] {3, 4});
        ola.add(new float[] {1, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> ola.add(new float[] {1, 1, 1, 1}));
    }

    @Test
    void chunksMustArriveAsPlanned() {
        OverlapAdd ola = new OverlapAdd(WINDOW3, 2, 1, new int[] {3});
        assertThrows(IllegalArgumentException.class, () -> ola.add(new float[] {1, 1}));
        assertThrows(IllegalStateException.class, ola::result);
        ola.add(new float[] {1, 1, 1});
        assertThrows(IllegalStateException.class, () -> ola.add(new float[] {1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new OverlapAdd(WINDOW3, 2, 1, new int[0]));
    }
}
