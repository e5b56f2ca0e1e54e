package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.Shapes;
import org.junit.jupiter.api.Test;

class NdArrayTest {
    @Test
    void shapeMustHoldTheData() {
        assertThrows(IllegalArgumentException.class, () -> NdArray.float32(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> NdArray.float32(new float[1], -1));
        assertThrows(IllegalArgumentException.class, () -> NdArray.float32(new float[0], 1L << 40, 1L << 40));
        assertThrows(IllegalArgumentException.class, () -> new NdArray(DType.FLOAT32, new long[] {1}, new double[1]));
        assertEquals(1, NdArray.float32(new float[1]).size(), "a 0-d array holds one element");
        assertEquals(0, NdArray.float32(new float[0], 0, 1L << 40).size(), "an empty array may have a long axis");
    }

    @Test
    void accessorsCheckTheType() {
        NdArray a = NdArray.int64(new long[] {1, 2}, 2);
        assertArrayEquals(new long[] {1, 2}, a.longData());
        IllegalStateException e = assertThrows(IllegalStateException.class, a::floatData);
        assertEquals("the array is <i8, not <f4", e.getMessage());
        assertThrows(IllegalStateException.class, a::toFloat32);
    }

    @Test
    void shapeIsCopiedInAndOut() {
        long[] shape = {2, 1};
        NdArray a = NdArray.uint8(new byte[] {1, (byte) 200}, shape);
        shape[0] = 99;
        a.shape()[0] = 98;
        assertArrayEquals(new long[] {2, 1}, a.shape());
        assertArrayEquals(new int[] {2, 1}, a.intShape());
        assertEquals(200, Byte.toUnsignedInt(a.uint8Data()[1]));
        assertThrows(IllegalStateException.class, () -> NdArray.float32(new float[0], 0, 1L << 40).intShape());
    }

    @Test
    void equalityIsByContent() {
        NdArray a = NdArray.float32(new float[] {Float.NaN, 1}, 2);
        NdArray b = NdArray.float32(new float[] {Float.NaN, 1}, 2);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, NdArray.float32(new float[] {Float.NaN, 1}, 2, 1));
        assertNotEquals(a, NdArray.float32(new float[] {-0.0f, 1}, 2));
        assertNotEquals(NdArray.float32(new float[] {0f}), NdArray.float32(new float[] {-0f}));
    }

    @Test
    void shapesPrintAsPythonTuples() {
        assertEquals("()", Shapes.pythonTuple(new long[] {}));
        assertEquals("(5,)", Shapes.pythonTuple(new long[] {5}));
        assertEquals("(2, 3)", Shapes.pythonTuple(new long[] {2, 3}));
        assertEquals("NdArray[|b1 (2, 1)]", NdArray.bool(new boolean[2], 2, 1).toString());
    }

    @Test
    void descrsAreNumpys() {
        assertEquals("<f4", DType.FLOAT32.numpyDescr());
        assertEquals("<f8", DType.FLOAT64.numpyDescr());
        assertEquals("<i8", DType.INT64.numpyDescr());
        assertEquals("<i4", DType.INT32.numpyDescr());
        assertEquals("|b1", DType.BOOL.numpyDescr());
        assertEquals("|u1", DType.UINT8.numpyDescr());
    }
}
