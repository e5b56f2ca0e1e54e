package dev.encodecparity.testing;

import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A tensor with a shape and no data, for tests of naming and shape accounting. */
public record ShapeOnlyTensor(long[] shape) implements Tensor {
    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    @Override
    public void writeTo(WritableByteChannel out) {
        throw new UnsupportedOperationException("shape-only tensor");
    }

    @Override
    public ByteBuffer readBytes() {
        throw new UnsupportedOperationException("shape-only tensor");
    }
}
