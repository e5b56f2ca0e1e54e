package dev.encodecparity.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array as NumPy stores it: an element type, a shape, and the elements in C (row-major) order.
 *
 * <p>{@code data} is the Java array for {@code dtype} ({@code float[]} for {@link DType#FLOAT32}, and so on, see
 * {@link DType}), with exactly as many elements as the shape holds. A shape of length 0 is a 0-d array (one element).
 * The data array is shared, not copied, because audio and codes can be large: treat it as read-only once it is in
 * an {@code NdArray}. {@code equals} compares contents, floats bit for bit as
 * {@link Arrays#equals(float[], float[])} does (so NaN equals NaN, and 0.0 does not equal -0.0).
 */
public record NdArray(DType dtype, long[] shape, Object data) {

    /** Checks that the data is the array for the dtype and that the shape holds exactly its elements. */
    public NdArray {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long count = elementCount(shape);
        if (!dtype.holds(data)) {
            throw new IllegalArgumentException(
                    dtype + " data must be a " + dtype.javaArrayName() + ", not " + data.getClass().getSimpleName());
        }
        int length = dtype.lengthOf(data);
        if (length != count) {
            throw new IllegalArgumentException(
                    "shape " + shapeString(shape) + " holds " + count + " elements but the data has " + length);
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
        return dtype.lengthOf(data);
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
                        "axis " + i + " of shape " + shapeString(shape) + " does not fit an int");
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
                throw new IllegalStateException("a " + dtype.descr() + " array is not floating point");
        }
    }

    private Object dataOf(DType wanted) {
        if (dtype != wanted) {
            throw new IllegalStateException("the array is " + dtype.descr() + ", not " + wanted.descr());
        }
        return data;
    }

    /** The number of elements a shape holds; rejects negative axes and counts beyond a Java array. */
    static long elementCount(long[] shape) {
        long count = 1;
        boolean empty = false;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative axis in shape " + shapeString(shape));
            }
            empty |= d == 0;
        }
        if (empty) {
            return 0;
        }
        for (long d : shape) {
            if (count > Integer.MAX_VALUE / d) {
                throw new IllegalArgumentException(
                        "shape " + shapeString(shape) + " holds more elements than a Java array");
            }
            count *= d;
        }
        return count;
    }

    /** A shape as Python writes a tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String shapeString(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(')').toString();
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
        };
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + dataHash;
    }

    /** The type and shape, not the elements: {@code NdArray[<f4 (2, 3)]}. */
    @Override
    public String toString() {
        return "NdArray[" + dtype.descr() + " " + shapeString(shape) + "]";
    }
}
