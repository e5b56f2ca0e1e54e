package dev.encodecparity.tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * A tensor's elements as Java numbers. Floating-point types widen to float32 here, in Java, because DJL's PyTorch
 * engine aborts the JVM on bfloat16 (see docs/ARCHITECTURE.md): nothing but float32 and int64 ever reaches it.
 */
public final class TensorValues {
    private TensorValues() {
    }

    /** Elements as float32, C order. float64 rounds to nearest; integers and bools convert exactly where they fit. */
    public static float[] toFloats(Tensor t) {
        ByteBuffer b = bytes(t);
        int n = Math.toIntExact(t.numel());
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (t.dtype()) {
                case FLOAT32 -> b.getFloat();
                case FLOAT64 -> (float) b.getDouble();
                case FLOAT16 -> halfToFloat(b.getShort());
                case BFLOAT16 -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                case INT64 -> b.getLong();
                case INT32 -> b.getInt();
                case INT16 -> b.getShort();
                case INT8 -> b.get();
                case UINT8 -> b.get() & 0xff;
                case BOOL -> b.get() != 0 ? 1f : 0f;
            };
        }
        return out;
    }

    /** Elements as doubles, exact for every floating type and for integers up to 2^53. */
    public static double[] toDoubles(Tensor t) {
        if (t.dtype() == DType.FLOAT64) {
            ByteBuffer b = bytes(t);
            double[] out = new double[Math.toIntExact(t.numel())];
            b.asDoubleBuffer().get(out);
            return out;
        }
        if (!t.dtype().isFloatingPoint()) {
            long[] l = toLongs(t);
            double[] out = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i];
            }
            return out;
        }
        float[] f = toFloats(t);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** Elements of an integer or bool tensor as longs. */
    public static long[] toLongs(Tensor t) {
        ByteBuffer b = bytes(t);
        long[] out = new long[Math.toIntExact(t.numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (t.dtype()) {
                case INT64 -> b.getLong();
                case INT32 -> b.getInt();
                case INT16 -> b.getShort();
                case INT8 -> b.get();
                case UINT8 -> b.get() & 0xff;
                case BOOL -> b.get() != 0 ? 1 : 0;
                default -> throw new IllegalArgumentException("not an integer tensor: " + t.dtype());
            };
        }
        return out;
    }

    /** IEEE 754 binary16 to float32, exact (Java 17 has no Float.float16ToFloat). */
    public static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant / 1024f / 16384f; // subnormal: mant * 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static ByteBuffer bytes(Tensor t) {
        try {
            return t.readBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
