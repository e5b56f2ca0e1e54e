package dev.encodecparity.tensor;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types a checkpoint may hold, with their names in torch's pickles and in safetensors headers.
 *
 * <p>The converter keeps the source dtype; the verifier widens everything to float32 in Java (DJL's PyTorch engine
 * aborts the JVM on bfloat16, see docs/ARCHITECTURE.md).
 */
public enum DType {
    FLOAT64("F64", 8, "DoubleStorage", "float64"),
    FLOAT32("F32", 4, "FloatStorage", "float32"),
    FLOAT16("F16", 2, "HalfStorage", "float16"),
    BFLOAT16("BF16", 2, "BFloat16Storage", "bfloat16"),
    INT64("I64", 8, "LongStorage", "int64"),
    INT32("I32", 4, "IntStorage", "int32"),
    INT16("I16", 2, "ShortStorage", "int16"),
    INT8("I8", 1, "CharStorage", "int8"),
    UINT8("U8", 1, "ByteStorage", "uint8"),
    BOOL("BOOL", 1, "BoolStorage", "bool");

    private final String safetensorsName;
    private final int size;
    private final String torchStorage;
    private final String torchName;

    DType(String safetensorsName, int size, String torchStorage, String torchName) {
        this.safetensorsName = safetensorsName;
        this.size = size;
        this.torchStorage = torchStorage;
        this.torchName = torchName;
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

    /** "float32", as in a transformers config's {@code torch_dtype}. */
    public String torchName() {
        return torchName;
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
}
