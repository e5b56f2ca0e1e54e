package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.Shapes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) into {@link NdArray}s.
 *
 * <p>Takes the types in {@link NdArray#TYPES} in either byte order, and C or Fortran order; the result is always in
 * C order and keeps the file's element type (a float64 file gives a float64 array: call {@link NdArray#toFloat32()}
 * to round it). The data must be exactly as long as the shape says: a short file and trailing bytes are both errors.
 */
public final class NpyReader {
    // Arrays grow by doubling from this size when the length is only declared, never verified, as in a zip entry.
    private static final int FIRST_CHUNK = 1 << 20;
    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;
    private static final int BLOCK = 1 << 16;

    private NpyReader() {
    }

    /** Reads a whole {@code .npy} file; any problem with it is a {@link BadInputException} naming it. */
    public static NdArray read(Path file) {
        long size = ReadErrors.sizeOfReadableFile(file);
        try (InputStream in = ReadErrors.open(file)) {
            return read(in, size, true, file, "");
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    /**
     * Reads one array from a stream that holds exactly one {@code .npy}.
     *
     * @param size the stream's length, or -1 when unknown
     * @param sizeVerified whether {@code size} is known to be true (a file's size) or bounded by the bytes that hold
     *     it (a zip entry's, within deflate's ratio), rather than only declared: only such a size is trusted to
     *     allocate the whole array at once
     * @param where prefixed to every reason, such as {@code "entry 'x.npy': "}
     */
    static NdArray read(InputStream in, long size, boolean sizeVerified, Path file, String where) throws IOException {
        NpyHeader h = NpyHeader.read(in, file, where);
        long dataBytes = h.dataBytes();
        if (size >= 0 && size != h.length() + dataBytes) {
            long present = size - h.length();
            String layout = "shape " + Shapes.pythonTuple(h.shape()) + " of " + h.dtype().numpyDescr() + " needs "
                    + dataBytes + " data bytes";
            throw NpyHeader.bad(file, where, present < dataBytes
                    ? "truncated: " + layout + " but " + Math.max(0, present) + " follow the header"
                    : (present - dataBytes) + " bytes after the array data (" + layout + ")");
        }
        if (dataBytes > MAX_ARRAY_BYTES) {
            throw NpyHeader.bad(file, where, "array data is " + dataBytes + " bytes; this reader holds at most "
                    + MAX_ARRAY_BYTES + " bytes per array");
        }
        // A verified size is streamed straight into the array (no byte copy beside it); a declared one is read into
        // bytes that grow with what arrives, then decoded.
        Object data = sizeVerified && size >= 0 ? readInto(in, h) : decodeOrNull(readExactly(in, (int) dataBytes,
                false), h);
        if (data == null) {
            throw NpyHeader.bad(file, where, "truncated: shape " + Shapes.pythonTuple(h.shape()) + " of "
                    + h.dtype().numpyDescr() + " needs " + dataBytes + " data bytes, the data ends early");
        }
        if (in.read() >= 0) {
            throw NpyHeader.bad(file, where, "bytes after the array data (shape " + Shapes.pythonTuple(h.shape())
                    + " of " + h.dtype().numpyDescr() + " needs " + dataBytes + ")");
        }
        if (h.fortranOrder() && h.shape().length > 1 && h.elementCount() > 0) {
            data = fortranToC(data, h.dtype(), h.shape(), h.elementCount());
        }
        return new NdArray(h.dtype(), h.shape(), data);
    }

    /**
     * Exactly {@code n} bytes, or null when the stream ends first. Allocates all at once only when {@code trusted}
     * (the length has been checked against a real size); otherwise grows with what actually arrives, so that a lying
     * length costs an error rather than an {@link OutOfMemoryError}.
     */
    private static byte[] readExactly(InputStream in, int n, boolean trusted) throws IOException {
        byte[] buf = new byte[trusted ? n : Math.min(n, FIRST_CHUNK)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) {
                return null;
            }
            filled += r;
        }
        return buf;
    }

    private static Object decodeOrNull(byte[] bytes, NpyHeader h) {
        return bytes == null ? null : decode(bytes, h.dtype(), h.byteOrder(), h.elementCount());
    }

    /** The array's elements read in blocks straight into the array; null when the stream ends first. */
    private static Object readInto(InputStream in, NpyHeader h) throws IOException {
        int count = h.elementCount();
        int item = h.dtype().size();
        if (h.dtype() == DType.UINT8 || h.dtype() == DType.BOOL) {
            return decodeOrNull(readExactly(in, count, true), h);
        }
        byte[] block = new byte[Math.min(BLOCK, Math.max(item, count * item))];
        Object out = switch (h.dtype()) {
            case FLOAT32 -> new float[count];
            case FLOAT64 -> new double[count];
            case INT64 -> new long[count];
            case INT32 -> new int[count];
            default -> throw new AssertionError(h.dtype());
        };
        for (int done = 0; done < count;) {
            int n = Math.min(count - done, block.length / item);
            if (in.readNBytes(block, 0, n * item) < n * item) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(block, 0, n * item).order(h.byteOrder());
            switch (h.dtype()) {
                case FLOAT32 -> b.asFloatBuffer().get((float[]) out, done, n);
                case FLOAT64 -> b.asDoubleBuffer().get((double[]) out, done, n);
                case INT64 -> b.asLongBuffer().get((long[]) out, done, n);
                default -> b.asIntBuffer().get((int[]) out, done, n);
            }
            done += n;
        }
        return out;
    }

    private static Object decode(byte[] bytes, DType dtype, ByteOrder order, int count) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        switch (dtype) {
            case FLOAT32: {
                float[] out = new float[count];
                b.asFloatBuffer().get(out);
                return out;
            }
            case FLOAT64: {
                double[] out = new double[count];
                b.asDoubleBuffer().get(out);
                return out;
            }
            case INT64: {
                long[] out = new long[count];
                b.asLongBuffer().get(out);
                return out;
            }
            case INT32: {
                int[] out = new int[count];
                b.asIntBuffer().get(out);
                return out;
            }
            case BOOL: {
                // NumPy reads any non-zero byte as True, and so do we.
                boolean[] out = new boolean[count];
                for (int i = 0; i < count; i++) {
                    out[i] = bytes[i] != 0;
                }
                return out;
            }
            case UINT8:
                return bytes;
            default:
                throw new AssertionError(dtype);
        }
    }

    /** The same elements in C order, given them in Fortran (column-major) order. */
    private static Object fortranToC(Object data, DType dtype, long[] shape, int count) {
        int[] from = fortranIndexOfEachCIndex(shape, count);
        switch (dtype) {
            case FLOAT32: {
                float[] in = (float[]) data;
                float[] out = new float[count];
                for (int i = 0; i < count; i++) {
                    out[i] = in[from[i]];
                }
                return out;
            }
            case FLOAT64: {
                double[] in = (double[]) data;
                double[] out = new double[count];
                for (int i = 0; i < count; i++) {
                    out[i] = in[from[i]];
                }
                return out;
            }
            case INT64: {
                long[] in = (long[]) data;
                long[] out = new long[count];
                for (int i = 0; i < count; i++) {
                    out[i] = in[from[i]];
                }
                return out;
            }
            case INT32: {
                int[] in = (int[]) data;
                int[] out = new int[count];
                for (int i = 0; i < count; i++) {
                    out[i] = in[from[i]];
                }
                return out;
            }
            case BOOL: {
                boolean[] in = (boolean[]) data;
                boolean[] out = new boolean[count];
                for (int i = 0; i < count; i++) {
                    out[i] = in[from[i]];
                }
                return out;
            }
            case UINT8: {
                byte[] in = (byte[]) data;
                byte[] out = new byte[count];
                for (int i = 0; i < count; i++) {
                    out[i] = in[from[i]];
                }
                return out;
            }
            default:
                throw new AssertionError(dtype);
        }
    }

    /**
     * For each C-order position, the Fortran-order position of the same element. Walks the multi-index in C order
     * (last axis fastest) and keeps the Fortran offset up to date, so that no division is needed per element.
     */
    static int[] fortranIndexOfEachCIndex(long[] shape, int count) {
        int rank = shape.length;
        int[] stride = new int[rank];
        int s = 1;
        for (int k = 0; k < rank; k++) {
            stride[k] = s;
            s *= (int) shape[k];
        }
        int[] index = new int[rank];
        int[] from = new int[count];
        int f = 0;
        for (int c = 0; c < count; c++) {
            from[c] = f;
            for (int k = rank - 1; k >= 0; k--) {
                index[k]++;
                f += stride[k];
                if (index[k] < shape[k]) {
                    break;
                }
                f -= index[k] * stride[k];
                index[k] = 0;
            }
        }
        return from;
    }
}
