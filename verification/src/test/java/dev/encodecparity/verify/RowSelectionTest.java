package dev.encodecparity.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shards cut a run into contiguous blocks of equal size (within one row) that together are the run. */
class RowSelectionTest {
    private static List<Integer> rows(RowSelection s, int total) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (s.takes(i, total, "a.wav")) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void threeShardsOfTenRows() {
        // row i is in shard floor(i * 3 / 10) + 1, worked out by hand
        assertEquals(List.of(0, 1, 2, 3), rows(RowSelection.of(null, "1/3", false), 10));
        assertEquals(List.of(4, 5, 6), rows(RowSelection.of(null, "2/3", false), 10));
        assertEquals(List.of(7, 8, 9), rows(RowSelection.of(null, "3/3", false), 10));
        assertEquals(10, rows(RowSelection.ALL, 10).size());
    }

    @Test
    void everyRowIsInExactlyOneShardWhateverTheSizes() {
        for (int total = 1; total <= 60; total++) {
            for (int n = 1; n <= 7; n++) {
                List<Integer> all = new ArrayList<>();
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int s = 1; s <= n; s++) {
                    List<Integer> part = rows(new RowSelection(null, s, n, false), total);
                    all.addAll(part);
                    min = Math.min(min, part.size());
                    max = Math.max(max, part.size());
                }
                assertEquals(total, all.size(), total + " rows, " + n + " shards");
                assertEquals(total, all.stream().distinct().count());
                assertTrue(max - min <= 1, total + " rows, " + n + " shards: " + min + ".." + max);
            }
        }
    }

    @Test
    void onlyMatchesTheClipNameOrItsFileName() {
        RowSelection s = RowSelection.of("speech*", null, false);
        assertTrue(s.takes(0, 1, "speech_24000hz_1ch.wav"));
        assertTrue(s.takes(0, 1, "set0/speech.wav"));
        assertFalse(s.takes(0, 1, "music.wav"));
        assertTrue(RowSelection.of("set0/*.wav", null, false).takes(0, 1, "set0/a.wav"));
    }

    @Test
    void badSpellingsAreBadInput() {
        assertEquals("--shard must be I/N (1/3, 2/3, 3/3), not 'x'",
                assertThrows(BadInputException.class, () -> RowSelection.of(null, "x", false)).getMessage());
        assertEquals("--shard 4/3: I/N needs 1 <= I <= N",
                assertThrows(BadInputException.class, () -> RowSelection.of(null, "4/3", false)).getMessage());
        assertThrows(BadInputException.class, () -> RowSelection.of(null, "0/3", false));
        assertEquals("--only: empty pattern",
                assertThrows(BadInputException.class, () -> RowSelection.of(" ", null, false)).getMessage());
    }
}
