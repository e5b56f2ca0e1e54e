package dev.encodecparity.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A WAV file written a block at a time: the header {@link WavWriter} or {@link Pcm16WavWriter} makes, then the
 * frames interleaved, each sample encoded as that writer encodes it, through one buffer that does not grow with the
 * clip. The whole-file writers write through it too, so both write the same bytes.
 */
final class WavSink extends FileSink {
    private static final int BUFFER_BYTES = 1 << 16;

    /** How one sample is stored. */
    @FunctionalInterface
    interface Encoding {
        void put(ByteBuffer out, float sample);
    }

    private final int headerBytes;
    private final int blockAlign;
    private final Encoding encoding;
    private final ByteBuffer buffer;

    /**
     * @param header the header, whose data chunk declares {@code frames} frames of {@code bytesPerSample}-byte samples
     */
    WavSink(Path file, int channels, long frames, byte[] header, int bytesPerSample, Encoding encoding)
            throws IOException {
        super(file, channels, frames, header);
        this.headerBytes = header.length;
        this.blockAlign = channels * bytesPerSample;
        this.encoding = encoding;
        int framesPerWrite = Math.max(1, BUFFER_BYTES / blockAlign);
        this.buffer = ByteBuffer.allocate(framesPerWrite * blockAlign).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    void writeBlock(float[][] block, int offset, int n, long at) throws IOException {
        int channels = channels();
        int framesPerWrite = buffer.capacity() / blockAlign;
        for (int start = 0; start < n; start += framesPerWrite) {
            int end = Math.min(n, start + framesPerWrite);
            buffer.clear();
            for (int f = offset + start; f < offset + end; f++) {
                for (int c = 0; c < channels; c++) {
                    encoding.put(buffer, block[c][f]);
                }
            }
            buffer.flip();
            writeFully(buffer, headerBytes + (at + start) * blockAlign);
        }
    }
}
