package dev.encodecparity.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values worked out by hand. */
class ShapesTest {
    @Test
    void elementCounts() {
        assertEquals(1, Shapes.numel(new long[] {}));
        assertEquals(512L * 256 * 16, Shapes.numel(new long[] {512, 256, 16}));
        assertEquals(-1, Shapes.numel(new long[] {-1, 2}));
        assertEquals(-1, Shapes.numel(new long[] {1L << 32, 1L << 32}), "2^64 does not fit a long");
        assertEquals(0, Shapes.numel(new long[] {0, 7}));
    }

    @Test
    void javaArrayLengths() {
        assertEquals(6, Shapes.javaArrayLength(new long[] {2, 3}));
        assertEquals(1, Shapes.javaArrayLength(new long[] {}));
        assertEquals(0, Shapes.javaArrayLength(new long[] {0, 3_000_000_000L}), "empty, whatever the other axes");
        assertEquals("shape (65536, 32768) holds more elements than a Java array", assertThrows(
                IllegalArgumentException.class, () -> Shapes.javaArrayLength(new long[] {65536, 32768})).getMessage());
        assertEquals("negative axis in shape (2, -1)", assertThrows(IllegalArgumentException.class,
                () -> Shapes.javaArrayLength(new long[] {2, -1})).getMessage());
    }

    @Test
    void spellings() {
        assertEquals("[512, 256, 16]", Shapes.format(new long[] {512, 256, 16}));
        assertEquals("()", Shapes.pythonTuple(new long[] {}));
        assertEquals("(5,)", Shapes.pythonTuple(new long[] {5}));
        assertEquals("(2, 3)", Shapes.pythonTuple(new long[] {2, 3}));
    }

    @Test
    void strides() {
        assertArrayEquals(new long[] {12, 4, 1}, Shapes.contiguousStrides(new long[] {2, 3, 4}));
        assertTrue(Shapes.isContiguous(new long[] {2, 3, 4}, new long[] {12, 4, 1}));
        assertTrue(Shapes.isContiguous(new long[] {2, 1, 4}, new long[] {4, 99, 1}), "a size-1 stride never matters");
        assertFalse(Shapes.isContiguous(new long[] {2, 3}, new long[] {1, 2}), "Fortran order");
    }
}
