package dev.encodecparity.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/** A tensor whose bytes are in memory (little-endian, C order): small tensors made by code rather than read. */
public record HeapTensor(DType dtype, long[] shape, ByteBuffer bytes) implements Tensor {
    public HeapTensor {
        if (Shapes.numel(shape) * dtype.size() != bytes.remaining()) {
            throw new IllegalArgumentException("shape " + Shapes.format(shape) + " of " + dtype + " needs "
                    + Shapes.numel(shape) * dtype.size() + " bytes, got " + bytes.remaining());
        }
        bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer();
    }

    public static HeapTensor ofFloats(long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new HeapTensor(DType.FLOAT32, shape, b);
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        ByteBuffer b = bytes.duplicate();
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    @Override
    public ByteBuffer readBytes() {
        return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
}
