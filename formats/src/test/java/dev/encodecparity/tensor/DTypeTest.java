package dev.encodecparity.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every outside spelling of a type, as torch, safetensors and NumPy write it (from their documentation). */
class DTypeTest {
    @Test
    void eachFormatsSpellingLeadsToTheSameType() {
        assertEquals(Optional.of(DType.FLOAT32), DType.fromTorchStorage("FloatStorage"));
        assertEquals(Optional.of(DType.BFLOAT16), DType.fromTorchStorage("BFloat16Storage"));
        assertEquals(Optional.of(DType.INT8), DType.fromTorchStorage("CharStorage"));
        assertEquals(Optional.of(DType.UINT8), DType.fromTorchStorage("ByteStorage"));
        assertEquals(Optional.of(DType.FLOAT16), DType.fromSafetensors("F16"));
        assertEquals(Optional.of(DType.BOOL), DType.fromSafetensors("BOOL"));
        assertEquals(Optional.of(DType.FLOAT32), DType.fromNumpyKindAndSize("f4"));
        assertEquals(Optional.of(DType.INT64), DType.fromNumpyKindAndSize("i8"));
        assertEquals(Optional.of(DType.UINT8), DType.fromNumpyKindAndSize("u1"));
        assertEquals(Optional.of(DType.BOOL), DType.fromNumpyKindAndSize("b1"));
        assertEquals(Optional.empty(), DType.fromNumpyKindAndSize("c8"));
        assertEquals(Optional.empty(), DType.fromTorchStorage("ComplexFloatStorage"));
    }

    @Test
    void numpyDescrsHaveTheirByteOrderAndBfloat16HasNone() {
        assertEquals("<f4", DType.FLOAT32.numpyDescr());
        assertEquals("<f2", DType.FLOAT16.numpyDescr());
        assertEquals("<i2", DType.INT16.numpyDescr());
        assertEquals("|i1", DType.INT8.numpyDescr());
        assertEquals("|u1", DType.UINT8.numpyDescr());
        assertEquals("bfloat16 has no NumPy type",
                assertThrows(IllegalStateException.class, DType.BFLOAT16::numpyDescr).getMessage());
        assertEquals("float64", DType.FLOAT64.torchName());
        assertEquals(8, DType.FLOAT64.size());
    }
}
