package dev.encodecparity.audio;

import java.util.Optional;

/**
 * The NumPy element types this package reads and writes, and the Java array each is held in.
 *
 * <p>Byte order is not part of the type: readers convert big-endian data on the way in, and writers always write
 * little-endian, as {@code numpy.save} does on every machine we run on.
 */
public enum DType {
    /** {@code <f4}, held in a {@code float[]}. */
    FLOAT32('f', 4),
    /** {@code <f8}, held in a {@code double[]}. */
    FLOAT64('f', 8),
    /** {@code <i8}, held in a {@code long[]}. */
    INT64('i', 8),
    /** {@code <i4}, held in an {@code int[]}. */
    INT32('i', 4),
    /** {@code |b1}, held in a {@code boolean[]}. */
    BOOL('b', 1),
    /** {@code |u1}, held in a {@code byte[]} whose bytes are read as unsigned ({@link Byte#toUnsignedInt}). */
    UINT8('u', 1);

    private final char kind;
    private final int itemSize;

    DType(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** The descriptor {@code numpy.save} writes for this type: {@code "<f4"}, {@code "|b1"}, ... */
    public String descr() {
        return (itemSize == 1 ? "|" : "<") + kind + itemSize;
    }

    /** The type of a NumPy descriptor without its byte-order character ({@code "f4"}), if it is one of ours. */
    static Optional<DType> ofKindAndSize(String kindAndSize) {
        for (DType t : values()) {
            if (kindAndSize.equals("" + t.kind + t.itemSize)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The element count of a Java array of this type; the caller has checked that {@code data} is one. */
    int lengthOf(Object data) {
        return switch (this) {
            case FLOAT32 -> ((float[]) data).length;
            case FLOAT64 -> ((double[]) data).length;
            case INT64 -> ((long[]) data).length;
            case INT32 -> ((int[]) data).length;
            case BOOL -> ((boolean[]) data).length;
            case UINT8 -> ((byte[]) data).length;
        };
    }

    /** Whether {@code data} is the Java array this type is held in. */
    boolean holds(Object data) {
        return switch (this) {
            case FLOAT32 -> data instanceof float[];
            case FLOAT64 -> data instanceof double[];
            case INT64 -> data instanceof long[];
            case INT32 -> data instanceof int[];
            case BOOL -> data instanceof boolean[];
            case UINT8 -> data instanceof byte[];
        };
    }

    /** The Java array type this type is held in, for messages. */
    String javaArrayName() {
        return switch (this) {
            case FLOAT32 -> "float[]";
            case FLOAT64 -> "double[]";
            case INT64 -> "long[]";
            case INT32 -> "int[]";
            case BOOL -> "boolean[]";
            case UINT8 -> "byte[]";
        };
    }
}
