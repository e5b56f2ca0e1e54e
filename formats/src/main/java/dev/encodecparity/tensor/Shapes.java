package dev.encodecparity.tensor;

import java.util.Arrays;

/**
 * The one home of shape arithmetic and shape spelling, for tensors and NumPy arrays alike. It never overflows
 * silently: a declared size too large for a long (or, for an array held in Java, for an int) is reported, never
 * wrapped.
 */
public final class Shapes {
    private Shapes() {
    }

    /** The number of elements, or -1 when the product does not fit in a long or a dimension is negative. */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    /**
     * The number of elements of an array held in one Java array, such as an {@code NdArray}'s. An empty shape holds
     * none however long its other axes are, so {@code (0, 3000000000)} is fine.
     *
     * @throws IllegalArgumentException for a negative axis, or more elements than a Java array holds
     */
    public static int javaArrayLength(long[] shape) {
        boolean empty = false;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative axis in shape " + pythonTuple(shape));
            }
            empty |= d == 0;
        }
        if (empty) {
            return 0;
        }
        long count = 1;
        for (long d : shape) {
            if (count > Integer.MAX_VALUE / d) {
                throw new IllegalArgumentException(
                        "shape " + pythonTuple(shape) + " holds more elements than a Java array");
            }
            count *= d;
        }
        return (int) count;
    }

    /** Row-major (C order) strides for a shape, in elements. */
    public static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /** True when a view with these strides reads its elements in storage order without gaps. */
    public static boolean isContiguous(long[] shape, long[] strides) {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 1) {
                continue; // a stride of a size-1 dimension never matters
            }
            if (strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** "[512, 256, 16]", the way the spec's key lists write shapes. */
    public static String format(long[] shape) {
        return Arrays.toString(shape);
    }

    /** "(2, 3)", the way Python writes a tuple and NumPy a shape: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    public static String pythonTuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(')').toString();
    }

    public static int[] toIntArray(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = Math.toIntExact(shape[i]);
        }
        return out;
    }
}
