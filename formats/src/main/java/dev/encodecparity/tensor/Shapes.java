package dev.encodecparity.tensor;

import java.util.Arrays;

/** Arithmetic on shapes that never overflows silently: a declared size too large for a long is bad input. */
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

    public static int[] toIntArray(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = Math.toIntExact(shape[i]);
        }
        return out;
    }
}
