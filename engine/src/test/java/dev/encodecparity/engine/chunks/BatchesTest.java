package dev.encodecparity.engine.chunks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches worked out by hand: groups by key in order of first appearance, bounded in items and in samples. */
class BatchesTest {
    /** A chunk to batch: a name for the assertions, and its length, which is also its key. */
    private record Item(String name, int length) {
    }

    private static final Item A = new Item("a", 5);
    private static final Item B = new Item("b", 3);
    private static final Item C = new Item("c", 5);
    private static final Item D = new Item("d", 5);
    private static final Item E = new Item("e", 3);

    @Test
    void equalKeysGoTogetherInTheOrderTheyFirstAppear() {
        // Key 5 first (a, c, d: two then one at two per batch), then key 3 (b, e).
        assertEquals(List.of(List.of(A, C), List.of(D), List.of(B, E)),
                new Batches(2, 100).byKey(List.of(A, B, C, D, E), Item::length, Item::length));
    }

    @Test
    void aBatchHoldsAtMostMaxSamplesPerChannel() {
        List<Item> five = List.of(new Item("0", 40), new Item("1", 40), new Item("2", 40), new Item("3", 40),
                new Item("4", 40));
        // 100 / 40 = 2 per batch.
        assertEquals(List.of(five.subList(0, 2), five.subList(2, 4), five.subList(4, 5)),
                new Batches(16, 100).byKey(five, Item::length, Item::length));
    }

    @Test
    void aChunkLongerThanTheBoundStillRunsAlone() {
        Item long1 = new Item("x", 200);
        Item long2 = new Item("y", 200);
        assertEquals(List.of(List.of(long1), List.of(long2)),
                new Batches(16, 100).byKey(List.of(long1, long2), Item::length, Item::length));
    }

    @Test
    void emptyChunksAreBoundedByItemsOnly() {
        List<Item> empty = List.of(new Item("0", 0), new Item("1", 0), new Item("2", 0));
        assertEquals(List.of(empty.subList(0, 2), empty.subList(2, 3)),
                new Batches(2, 100).byKey(empty, Item::length, Item::length));
    }

    @Test
    void theEnginesBoundsHoldTenChunksOf48khz() {
        assertEquals(new Batches(16, 524288), Batches.DEFAULT);
        // 2^19 = 524288 samples / 48000 per chunk = 10 chunks per batch (10.9 rounded down).
        List<Item> chunks = java.util.Collections.nCopies(12, new Item("k", 48000));
        List<List<Item>> batches = Batches.DEFAULT.byKey(chunks, Item::length, Item::length);
        assertEquals(List.of(10, 2), batches.stream().map(List::size).toList());
        // 24 kHz test clips of 20000 samples: 26 would fit, 16 is the bound.
        List<Item> clips = java.util.Collections.nCopies(20, new Item("c", 20000));
        assertEquals(List.of(16, 4),
                Batches.DEFAULT.byKey(clips, Item::length, Item::length).stream().map(List::size).toList());
    }

    @Test
    void oneByOneKeepsTheOrder() {
        assertEquals(List.of(List.of(A), List.of(B), List.of(C)), Batches.oneByOne(List.of(A, B, C)));
    }

    @Test
    void boundsArePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Batches(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Batches(1, 0));
    }
}
