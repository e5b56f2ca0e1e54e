package dev.encodecparity.audio;

import dev.encodecparity.tensor.DType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes {@link NdArray}s as {@code .npy} files byte for byte as {@code numpy.save} does: little-endian, C order,
 * format 1.0 with the same header text and padding (so the files hash the same as NumPy's).
 */
public final class NpyWriter {
    // Elements are encoded through a buffer of this many bytes rather than one copy of the whole array.
    private static final int CHUNK_BYTES = 1 << 16;

    private NpyWriter() {
    }

    /**
     * Writes {@code array} to {@code file} (see {@link FileOutput}: in place, nothing left when it fails).
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, NdArray array) throws IOException {
        FileOutput.write(file, out -> write(out, array));
    }

    /** Writes the whole {@code .npy} (header and data) to a stream, which stays open. */
    public static void write(OutputStream out, NdArray array) throws IOException {
        out.write(NpyHeader.format(array.dtype(), array.shape()));
        writeData(out, array);
    }

    /** How many bytes {@link #write(OutputStream, NdArray)} writes for {@code array}: header and data. */
    static long byteCount(NdArray array) {
        return NpyHeader.format(array.dtype(), array.shape()).length + (long) array.size() * array.dtype().size();
    }

    /** The whole {@code .npy} as bytes. */
    public static byte[] toBytes(NdArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, array);
        } catch (IOException e) {
            throw new AssertionError("a ByteArrayOutputStream does not fail", e);
        }
        return out.toByteArray();
    }

    private static void writeData(OutputStream out, NdArray array) throws IOException {
        DType dtype = array.dtype();
        if (dtype == DType.UINT8) {
            out.write(array.uint8Data());
            return;
        }
        byte[] bytes = new byte[CHUNK_BYTES];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK_BYTES / dtype.size();
        int count = array.size();
        for (int start = 0; start < count; start += perChunk) {
            int n = Math.min(perChunk, count - start);
            switch (dtype) {
                case FLOAT32 -> buf.asFloatBuffer().put(array.floatData(), start, n);
                case FLOAT64 -> buf.asDoubleBuffer().put(array.doubleData(), start, n);
                case INT64 -> buf.asLongBuffer().put(array.longData(), start, n);
                case INT32 -> buf.asIntBuffer().put(array.intData(), start, n);
                case BOOL -> {
                    boolean[] b = array.boolData();
                    for (int i = 0; i < n; i++) {
                        bytes[i] = b[start + i] ? (byte) 1 : 0;
                    }
                }
                case UINT8 -> throw new AssertionError("written whole above");
            }
            out.write(bytes, 0, n * dtype.size());
        }
    }
}
