package dev.encodecparity.audio;

import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.Shapes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An n-dimensional array as NumPy stores it: an element type, a shape, and the elements in C (row-major) order.
 *
 * <p>{@code data} is the Java array for {@code dtype} ({@code float[]} for {@link DType#FLOAT32}, and so on, see
 * {@link #TYPES}), with exactly as many elements as the shape holds. A shape of length 0 is a 0-d array (one element).
 * The data array is shared, not copied, because audio and codes can be large: treat it as read-only once it is in
 * an {@code NdArray}. {@code equals} compares contents, floats bit for bit as
 * {@link Arrays#equals(float[], float[])} does (so NaN equals NaN, and 0.0 does not equal -0.0).
 */
public record NdArray(DType dtype, long[] shape, Object data) {
    /**
     * The element types an array holds, each in its own Java array: {@code float[]}, {@code double[]}, {@code long[]},
     * {@code int[]}, {@code boolean[]}, and {@code byte[]} read as unsigned. These are the NumPy types this package
     * reads and writes; the other {@link DType}s have no Java array here.
     */
    public static final List<DType> TYPES = List.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.BOOL,
            DType.UINT8);

    /** Checks that the data is the array for the dtype and that the shape holds exactly its elements. */
    public NdArray {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long count = Shapes.javaArrayLength(shape);
        if (!holds(dtype, data)) {
            throw new IllegalArgumentException(
                    dtype + " data must be a " + javaArrayName(dtype) + ", not " + data.getClass().getSimpleName());
        }
        int length = lengthOf(dtype, data);
        if (length != count) {
            throw new IllegalArgumentException(
                    "shape " + Shapes.pythonTuple(shape) + " holds " + count + " elements but the data has " + length);
        }
    }

    public static NdArray float32(float[] data, long... shape) {
        return new NdArray(DType.FLOAT32, shape, data);
    }

    public static NdArray float64(double[] data, long... shape) {
        return new NdArray(DType.FLOAT64, shape, data);
    }

    public static NdArray int64(long[] data, long... shape) {
        return new NdArray(DType.INT64, shape, data);
    }

    public static NdArray int32(int[] data, long... shape) {
        return new NdArray(DType.INT32, shape, data);
    }

    public static NdArray bool(boolean[] data, long... shape) {
        return new NdArray(DType.BOOL, shape, data);
    }

    /** Unsigned bytes: each {@code byte} holds 0..255, read it with {@link Byte#toUnsignedInt}. */
    public static NdArray uint8(byte[] data, long... shape) {
        return new NdArray(DType.UINT8, shape, data);
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of axes; 0 for a 0-d array. */
    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    /** The number of elements. */
    public int size() {
        return lengthOf(dtype, data);
    }

    /**
     * The shape as ints. Every axis of a non-empty array fits; only an empty array can have a longer axis, such as
     * {@code (0, 3000000000)}, and then this throws {@link IllegalStateException}.
     */
    public int[] intShape() {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new IllegalStateException(
                        "axis " + i + " of shape " + Shapes.pythonTuple(shape) + " does not fit an int");
            }
            out[i] = (int) shape[i];
        }
        return out;
    }

    /** The elements of a {@link DType#FLOAT32} array (not a copy). */
    public float[] floatData() {
        return (float[]) dataOf(DType.FLOAT32);
    }

    /** The elements of a {@link DType#FLOAT64} array (not a copy). */
    public double[] doubleData() {
        return (double[]) dataOf(DType.FLOAT64);
    }

    /** The elements of an {@link DType#INT64} array (not a copy). */
    public long[] longData() {
        return (long[]) dataOf(DType.INT64);
    }

    /** The elements of an {@link DType#INT32} array (not a copy). */
    public int[] intData() {
        return (int[]) dataOf(DType.INT32);
    }

    /** The elements of a {@link DType#BOOL} array (not a copy). */
    public boolean[] boolData() {
        return (boolean[]) dataOf(DType.BOOL);
    }

    /** The elements of a {@link DType#UINT8} array (not a copy); read each with {@link Byte#toUnsignedInt}. */
    public byte[] uint8Data() {
        return (byte[]) dataOf(DType.UINT8);
    }

    /**
     * This array as float32: itself if it is float32; a float64 array rounded to the nearest float32 (as NumPy's
     * {@code astype(np.float32)}). Other types throw {@link IllegalStateException}: turning integers into floats is a
     * decision for the caller.
     */
    public NdArray toFloat32() {
        switch (dtype) {
            case FLOAT32:
                return this;
            case FLOAT64:
                double[] in = (double[]) data;
                float[] out = new float[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = (float) in[i];
                }
                return new NdArray(DType.FLOAT32, shape, out);
            default:
                throw new IllegalStateException("a " + dtype.numpyDescr() + " array is not floating point");
        }
    }

    private Object dataOf(DType wanted) {
        if (dtype != wanted) {
            throw new IllegalStateException("the array is " + dtype.numpyDescr() + ", not " + wanted.numpyDescr());
        }
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NdArray)) {
            return false;
        }
        NdArray other = (NdArray) o;
        return dtype == other.dtype && Arrays.equals(shape, other.shape) && dataEquals(other.data);
    }

    private boolean dataEquals(Object otherData) {
        return switch (dtype) {
            case FLOAT32 -> Arrays.equals((float[]) data, (float[]) otherData);
            case FLOAT64 -> Arrays.equals((double[]) data, (double[]) otherData);
            case INT64 -> Arrays.equals((long[]) data, (long[]) otherData);
            case INT32 -> Arrays.equals((int[]) data, (int[]) otherData);
            case BOOL -> Arrays.equals((boolean[]) data, (boolean[]) otherData);
            case UINT8 -> Arrays.equals((byte[]) data, (byte[]) otherData);
            default -> throw new AssertionError(dtype);
        };
    }

    @Override
    public int hashCode() {
        int dataHash = switch (dtype) {
            case FLOAT32 -> Arrays.hashCode((float[]) data);
            case FLOAT64 -> Arrays.hashCode((double[]) data);
            case INT64 -> Arrays.hashCode((long[]) data);
            case INT32 -> Arrays.hashCode((int[]) data);
            case BOOL -> Arrays.hashCode((boolean[]) data);
            case UINT8 -> Arrays.hashCode((byte[]) data);
            default -> throw new AssertionError(dtype);
        };
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + dataHash;
    }

    /** The type and shape, not the elements: {@code NdArray[<f4 (2, 3)]}. */
    @Override
    public String toString() {
        return "NdArray[" + dtype.numpyDescr() + " " + Shapes.pythonTuple(shape) + "]";
    }

    /** The element count of a Java array of this type; the caller has checked that {@code data} is one. */
    private static int lengthOf(DType dtype, Object data) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data).length;
            case FLOAT64 -> ((double[]) data).length;
            case INT64 -> ((long[]) data).length;
            case INT32 -> ((int[]) data).length;
            case BOOL -> ((boolean[]) data).length;
            case UINT8 -> ((byte[]) data).length;
            default -> throw new AssertionError(dtype);
        };
    }

    /** Whether {@code data} is the Java array {@code dtype} is held in; false for a type not in {@link #TYPES}. */
    private static boolean holds(DType dtype, Object data) {
        return switch (dtype) {
            case FLOAT32 -> data instanceof float[];
            case FLOAT64 -> data instanceof double[];
            case INT64 -> data instanceof long[];
            case INT32 -> data instanceof int[];
            case BOOL -> data instanceof boolean[];
            case UINT8 -> data instanceof byte[];
            default -> false;
        };
    }

    /** The Java array type {@code dtype} is held in, for messages. */
    private static String javaArrayName(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "float[]";
            case FLOAT64 -> "double[]";
            case INT64 -> "long[]";
            case INT32 -> "int[]";
            case BOOL -> "boolean[]";
            case UINT8 -> "byte[]";
            default -> "Java array (" + dtype + " is not one of " + TYPES + ")";
        };
    }
}
