package dev.encodecparity.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.function.Consumer;

/**
 * A tensor that lives in a file (a checkpoint or a safetensors file) and is read only when asked.
 *
 * <p>Its bytes stay in the file until {@link #writeTo} streams them to an output or {@link #readBytes} copies them;
 * that keeps conversion memory flat whatever the checkpoint size. It is valid while the file it came from is open.
 */
public interface Tensor {
    DType dtype();

    /** The shape; callers must not modify the array. */
    long[] shape();

    default long numel() {
        return Shapes.numel(shape());
    }

    default long byteSize() {
        return numel() * dtype().size();
    }

    /** Writes the elements in C order, little-endian, to {@code out}. */
    void writeTo(WritableByteChannel out) throws IOException;

    /** The elements in C order as a new little-endian buffer. For tensors under 2 GiB. */
    ByteBuffer readBytes() throws IOException;

    /**
     * Hands the elements in C order, little-endian, to {@code sink} one buffer at a time, each holding whole elements
     * and valid only during the call. A tensor in a file is read through {@code scratch} (whose capacity must be a
     * multiple of 8), so that scanning a whole checkpoint allocates nothing per tensor; others hand over their bytes.
     */
    default void forEachChunk(ByteBuffer scratch, Consumer<ByteBuffer> sink) throws IOException {
        sink.accept(readBytes());
    }
}
