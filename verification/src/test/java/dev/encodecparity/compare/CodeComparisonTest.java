package dev.encodecparity.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.engine.DistanceMargin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeComparisonTest {
    private static final long[][] CODES = {{5, 6, 7, 8}, {1, 2, 3, 4}, {9, 9, 9, 9}};

    @Test
    void identicalCodes() {
        CodeComparison.Result r = CodeComparison.compare(codes(CODES), codes(CODES), null);
        assertTrue(r.identical());
        assertEquals(12, r.codes());
        assertTrue(r.passes(0));
    }

    @Test
    void aNearTieIsJudgedAtItsFirstCodebookAndItsConsequencesAreCountedApart() {
        long[][] other = copy(CODES);
        other[1][2] = 30; // frame 2 differs first at codebook 1 ...
        other[2][2] = 31; // ... and therefore at codebook 2 as well
        List<int[]> asked = new ArrayList<>();
        CodeComparison.Result r = CodeComparison.compare(codes(CODES), codes(other), (k, t, q, a, e) -> {
            asked.add(new int[] {k, t, q, (int) a, (int) e});
            return new DistanceMargin(1e-7, 1e-6, 1.0); // equally near within rounding
        });
        assertEquals(2, r.differing());
        assertEquals(1, r.mismatches().size());
        CodeComparison.Mismatch m = r.mismatches().get(0);
        assertEquals(2, m.frame());
        assertEquals(1, m.codebook());
        assertEquals(3, m.expected());
        assertEquals(30, m.actual());
        assertEquals(1, m.laterDiffering());
        assertEquals(1, asked.size(), "one margin per differing frame");
        assertEquals(List.of(0, 2, 1, 30, 3), List.of(asked.get(0)[0], asked.get(0)[1], asked.get(0)[2],
                asked.get(0)[3], asked.get(0)[4]));
        assertEquals(1, r.nearTies(0));
        assertTrue(r.passes(0));
    }

    @Test
    void aDifferenceBeyondRoundingFails() {
        long[][] other = copy(CODES);
        other[0][0] = 42;
        CodeComparison.Result r = CodeComparison.compare(codes(CODES), codes(other),
                (k, t, q, a, e) -> new DistanceMargin(0.5, 1e-6, 10.0));
        assertEquals(1, r.realDifferences(0));
        assertFalse(r.passes(0));
        assertFalse(r.passes(0.04), "0.5 is more than 4% of the distance terms' size 10");
        assertTrue(r.passes(0.06), "a relative tie margin wider than the difference accepts it");
    }

    @Test
    void withoutMarginsEveryDifferenceIsReal() {
        long[][] other = copy(CODES);
        other[2][3] = 0;
        assertFalse(CodeComparison.compare(codes(CODES), codes(other), null).passes(1e9));
    }

    @Test
    void differentStructureIsReportedNotCompared() {
        CodeComparison.Result r = CodeComparison.compare(codes(CODES),
                new EncodedAudio(List.of(CODES, CODES), null), null);
        assertEquals("chunks: expected 1, got 2", r.structure());
        assertFalse(r.passes(1e9));
        CodeComparison.Result s = CodeComparison.compare(codes(CODES), codes(new long[][] {{1, 2}}), null);
        assertEquals("chunk 0: expected 3 codebooks x 4 frames, got 1 x 2", s.structure());
    }

    @Test
    void audioComparison() {
        float[][] ref = {{0f, 0.5f, -1f}};
        float[][] got = {{0f, 0.5f + 1e-6f, -1f}};
        AudioComparison c = AudioComparison.of(ref, got);
        assertEquals(1e-6, c.maxAbsError(), 2e-8); // 0.5f + 1e-6f rounds to the nearest float
        assertEquals(1.0, c.referencePeak());
        assertTrue(c.snrDb() > 100, "SNR " + c.snrDb());
        assertTrue(AudioComparison.allClose(ref, got, 1e-5, 0));
        assertFalse(AudioComparison.allClose(ref, got, 1e-7, 0));
        assertTrue(AudioComparison.of(ref, new float[][] {{0f, 0.5f}}).lengthsDiffer());
        assertEquals(Double.POSITIVE_INFINITY, AudioComparison.of(ref, ref).snrDb());
    }

    private static EncodedAudio codes(long[][] c) {
        return new EncodedAudio(List.<long[][]>of(c), null);
    }

    private static long[][] copy(long[][] c) {
        long[][] out = new long[c.length][];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i].clone();
        }
        return out;
    }
}
