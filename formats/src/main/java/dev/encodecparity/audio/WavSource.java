package dev.encodecparity.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A WAV file read a block at a time: the header is walked and checked at {@link #open} as {@link WavReader} walks it
 * (the same refusals, the same messages), and the samples are converted exactly as {@link WavReader} converts them,
 * through one buffer of whole frames that does not grow with the clip.
 *
 * <p>Unlike {@link WavReader}, no limit of 2^31 frames: nothing holds the whole clip.
 */
final class WavSource extends FileSource {
    private static final int BUFFER_BYTES = 1 << 16;

    private final WavFormat format;
    private final long dataStart;
    private final ByteBuffer buffer;
    private long position;

    private WavSource(FileChannel ch, Path file, WavHeader header) {
        super(ch, file, header.format().channels(), header.format().sampleRate(), header.frames());
        this.format = header.format();
        this.dataStart = header.dataStart();
        int framesPerRead = Math.max(1, BUFFER_BYTES / format.blockAlign());
        this.buffer = ByteBuffer.allocate(framesPerRead * format.blockAlign()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Opens a WAV file and checks its header; a bad header is refused here, as {@link WavReader#read} refuses it. */
    static WavSource open(Path file) {
        return open(file, "expected a .wav file", ch -> new WavSource(ch, file, WavHeader.read(ch, ch.size(), file)));
    }

    @Override
    public int read(float[][] into, int offset, int n) {
        checkOpen();
        int count = (int) Math.min(n, frames() - position);
        int framesPerRead = buffer.capacity() / format.blockAlign();
        try {
            for (int done = 0; done < count; ) {
                int k = Math.min(framesPerRead, count - done);
                ByteBuffer b = buffer.slice(0, k * format.blockAlign()).order(ByteOrder.LITTLE_ENDIAN);
                WavHeader.readInto(channel(), dataStart + position * format.blockAlign(), b, file());
                WavReader.decodeFrames(b, format, into, offset + done, k);
                position += k;
                done += k;
            }
        } catch (IOException e) {
            throw ReadErrors.of(file(), e);
        }
        return count;
    }
}
