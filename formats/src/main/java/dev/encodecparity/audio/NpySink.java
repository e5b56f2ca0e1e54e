package dev.encodecparity.audio;

import dev.encodecparity.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A {@code .npy} of float32 {@code [channels, frames]} written a block at a time, byte for byte what
 * {@link AudioFiles#write} writes for the same audio (through {@link NpyWriter}: the same {@link NpyHeader}). The
 * array is channel-major, so each block's channels go to their own regions of the file, at their offsets.
 */
final class NpySink extends FileSink {
    private static final int BUFFER_BYTES = 1 << 16;

    private final long dataStart;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    private NpySink(Path file, int channels, long frames, byte[] header) throws IOException {
        super(file, channels, frames, header);
        this.dataStart = header.length;
    }

    /**
     * @throws dev.encodecparity.common.BadInputException when the array would be too large to read back, as
     *     {@link AudioFiles#toArray} refuses it, before the file is created
     */
    static NpySink create(Path file, int channels, long frames) throws IOException {
        if (channels < 1 || frames < 0) {
            throw new IllegalArgumentException(channels + " channels, " + frames + " frames");
        }
        AudioFiles.checkArraySize(file, channels, frames);
        return new NpySink(file, channels, frames, NpyHeader.format(DType.FLOAT32, new long[] {channels, frames}));
    }

    @Override
    void writeBlock(float[][] block, int offset, int n, long at) throws IOException {
        int perWrite = BUFFER_BYTES / Float.BYTES;
        for (int c = 0; c < channels(); c++) {
            long channelStart = dataStart + (long) c * frames() * Float.BYTES;
            for (int start = 0; start < n; start += perWrite) {
                int k = Math.min(perWrite, n - start);
                buffer.clear();
                buffer.asFloatBuffer().put(block[c], offset + start, k);
                buffer.limit(k * Float.BYTES);
                writeFully(buffer, channelStart + (at + start) * Float.BYTES);
            }
        }
    }
}
