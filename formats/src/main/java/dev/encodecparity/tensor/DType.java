package dev.encodecparity.tensor;

import java.util.Arrays;
import java.util.Optional;

/**
 * The one element-type vocabulary of every file the tool reads or writes, with each outside spelling of a type:
 * torch's storage class ({@code FloatStorage}) and dtype name ({@code float32}), the safetensors header's
 * ({@code F32}) and NumPy's descriptor ({@code <f4}). Readers translate a file's spelling here and nowhere else.
 *
 * <p>The converter keeps the source dtype; the verifier widens everything to float32 in Java (DJL's PyTorch engine
 * aborts the JVM on bfloat16, see docs/ARCHITECTURE.md). Byte order is not part of the type: readers convert
 * big-endian data on the way in, and writers write little-endian, as torch and {@code numpy.save} do on every machine
 * we run on.
 */
public enum DType {
    FLOAT64("F64", 8, "DoubleStorage", "float64", 'f'),
    FLOAT32("F32", 4, "FloatStorage", "float32", 'f'),
    FLOAT16("F16", 2, "HalfStorage", "float16", 'f'),
    /** NumPy has no bfloat16: {@link #numpyDescr} refuses it. */
    BFLOAT16("BF16", 2, "BFloat16Storage", "bfloat16", DType.NO_NUMPY_KIND),
    INT64("I64", 8, "LongStorage", "int64", 'i'),
    INT32("I32", 4, "IntStorage", "int32", 'i'),
    INT16("I16", 2, "ShortStorage", "int16", 'i'),
    INT8("I8", 1, "CharStorage", "int8", 'i'),
    UINT8("U8", 1, "ByteStorage", "uint8", 'u'),
    BOOL("BOOL", 1, "BoolStorage", "bool", 'b');

    private static final char NO_NUMPY_KIND = 0;

    private final String safetensorsName;
    private final int size;
    private final String torchStorage;
    private final String torchName;
    private final char numpyKind;

    DType(String safetensorsName, int size, String torchStorage, String torchName, char numpyKind) {
        this.safetensorsName = safetensorsName;
        this.size = size;
        this.torchStorage = torchStorage;
        this.torchName = torchName;
        this.numpyKind = numpyKind;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** "F32", as in a safetensors header. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** "FloatStorage": the class name after {@code torch.} in a pickle's storage reference. */
    public String torchStorage() {
        return torchStorage;
    }

    /** "float32", as in a transformers config's {@code dtype} ({@code torch_dtype} before transformers 5). */
    public String torchName() {
        return torchName;
    }

    /**
     * The descriptor {@code numpy.save} writes for this type: {@code "<f4"}, and {@code "|b1"} for one-byte types,
     * whose byte order does not apply.
     *
     * @throws IllegalStateException for {@link #BFLOAT16}, which NumPy has no type for
     */
    public String numpyDescr() {
        if (numpyKind == NO_NUMPY_KIND) {
            throw new IllegalStateException(torchName + " has no NumPy type");
        }
        return (size == 1 ? "|" : "<") + numpyKind + size;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT64 || this == FLOAT32 || this == FLOAT16 || this == BFLOAT16;
    }

    public static Optional<DType> fromSafetensors(String name) {
        return Arrays.stream(values()).filter(d -> d.safetensorsName.equals(name)).findFirst();
    }

    public static Optional<DType> fromTorchStorage(String className) {
        return Arrays.stream(values()).filter(d -> d.torchStorage.equals(className)).findFirst();
    }

    /** The type of a NumPy descriptor without its byte-order character ({@code "f4"}). */
    public static Optional<DType> fromNumpyKindAndSize(String kindAndSize) {
        return Arrays.stream(values()).filter(d -> d.numpyKind != NO_NUMPY_KIND)
                .filter(d -> kindAndSize.equals("" + d.numpyKind + d.size)).findFirst();
    }
}
