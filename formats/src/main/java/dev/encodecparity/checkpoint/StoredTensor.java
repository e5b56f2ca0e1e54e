package dev.encodecparity.checkpoint;

import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.FileTensor;
import dev.encodecparity.tensor.Shapes;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.zip.ZipDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.Consumer;

/**
 * A tensor inside a torch checkpoint: a strided view of a storage whose bytes sit at {@code storageStart} in the
 * file. Bounds were checked when it was made ({@link Checkpoint}); contiguous little-endian views stream straight from
 * the file to the output with {@link FileChannel#transferTo}, anything else is gathered element by element.
 */
final class StoredTensor implements Tensor {
    private final FileChannel channel;
    private final long storageStart;
    private final DType dtype;
    private final long offset;
    private final long[] shape;
    private final long[] stride;
    private final ByteOrder order;

    StoredTensor(FileChannel channel, long storageStart, DType dtype, long offset, long[] shape, long[] stride,
            ByteOrder order) {
        this.channel = channel;
        this.storageStart = storageStart;
        this.dtype = dtype;
        this.offset = offset;
        this.shape = shape;
        this.stride = stride;
        this.order = order;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long[] shape() {
        return shape;
    }

    /** True when the bytes can be copied as they are: one run, in C order, little-endian. */
    boolean isPlainRun() {
        return Shapes.isContiguous(shape, stride) && (order == ByteOrder.LITTLE_ENDIAN || dtype.size() == 1);
    }

    /** The same bytes as a plain file region, when they are one. */
    private FileTensor asPlainRun() {
        return new FileTensor(channel, storageStart + offset * dtype.size(), dtype, shape);
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        if (isPlainRun()) {
            asPlainRun().writeTo(out);
            return;
        }
        ByteBuffer b = readBytes();
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    @Override
    public void forEachChunk(ByteBuffer scratch, Consumer<ByteBuffer> sink) throws IOException {
        if (isPlainRun()) {
            asPlainRun().forEachChunk(scratch, sink);
        } else {
            sink.accept(readBytes());
        }
    }

    @Override
    public ByteBuffer readBytes() throws IOException {
        if (isPlainRun()) {
            return asPlainRun().readBytes();
        }
        long n = byteSize();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IOException("tensor of " + n + " bytes is too large to hold in memory");
        }
        int es = dtype.size();
        ByteBuffer out = ByteBuffer.allocate((int) n).order(ByteOrder.LITTLE_ENDIAN);
        if (n == 0) {
            return out;
        }
        // Read the span of the storage this view touches once, then gather.
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            last += (shape[i] - 1) * stride[i];
        }
        long spanBytes = (last - offset + 1) * es;
        ByteBuffer span = ZipDirectory.readAt(channel, storageStart + offset * es, Math.toIntExact(spanBytes));
        long[] index = new long[shape.length];
        byte[] element = new byte[es];
        for (long k = 0; k < n / es; k++) {
            long rel = 0;
            for (int d = 0; d < shape.length; d++) {
                rel += index[d] * stride[d];
            }
            span.get((int) (rel * es), element);
            if (order == ByteOrder.BIG_ENDIAN) {
                reverse(element);
            }
            out.put(element);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return out.flip();
    }

    private static void reverse(byte[] b) {
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }
}
