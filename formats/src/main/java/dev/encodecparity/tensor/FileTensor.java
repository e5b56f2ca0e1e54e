package dev.encodecparity.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.Consumer;

/** A contiguous little-endian tensor at a known place in an open file (a safetensors data section, say). */
public final class FileTensor implements Tensor {
    private final FileChannel channel;
    private final long position;
    private final DType dtype;
    private final long[] shape;

    public FileTensor(FileChannel channel, long position, DType dtype, long[] shape) {
        this.channel = channel;
        this.position = position;
        this.dtype = dtype;
        this.shape = shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long[] shape() {
        return shape;
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        long n = byteSize();
        long done = 0;
        while (done < n) {
            long k = channel.transferTo(position + done, n - done, out);
            if (k <= 0) {
                throw new IOException("could not copy tensor bytes");
            }
            done += k;
        }
    }

    @Override
    public void forEachChunk(ByteBuffer scratch, Consumer<ByteBuffer> sink) throws IOException {
        if (scratch.capacity() % 8 != 0) {
            throw new IllegalArgumentException("scratch capacity must be a multiple of 8");
        }
        long n = byteSize();
        long done = 0;
        while (done < n) {
            scratch.clear().limit((int) Math.min(scratch.capacity(), n - done));
            while (scratch.hasRemaining()) {
                if (channel.read(scratch, position + done + scratch.position()) < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
            scratch.flip().order(ByteOrder.LITTLE_ENDIAN);
            done += scratch.remaining();
            sink.accept(scratch);
        }
    }

    @Override
    public ByteBuffer readBytes() throws IOException {
        long n = byteSize();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IOException("tensor of " + n + " bytes is too large to hold in memory");
        }
        ByteBuffer b = ByteBuffer.allocate((int) n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.flip();
    }
}
