package dev.encodecparity.audio;

import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A WAV file read a block at a time: the header is walked and checked at {@link #open} as {@link WavReader} walks it
 * (the same refusals, the same messages), and the samples are converted exactly as {@link WavReader} converts them,
 * through one buffer of whole frames that does not grow with the clip.
 *
 * <p>Unlike {@link WavReader}, no limit of 2^31 frames: nothing holds the whole clip.
 */
final class WavSource implements AudioSource {
    private static final int BUFFER_BYTES = 1 << 16;

    private final FileChannel ch;
    private final Path file;
    private final WavFormat format;
    private final long dataStart;
    private final long frames;
    private final ByteBuffer buffer;
    private long position;
    private boolean closed;

    private WavSource(FileChannel ch, Path file, WavHeader header) {
        this.ch = ch;
        this.file = file;
        this.format = header.format();
        this.dataStart = header.dataStart();
        this.frames = header.frames();
        int framesPerRead = Math.max(1, BUFFER_BYTES / format.blockAlign());
        this.buffer = ByteBuffer.allocate(framesPerRead * format.blockAlign()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Opens a WAV file and checks its header; a bad header is refused here, as {@link WavReader#read} refuses it. */
    static WavSource open(Path file) {
        FileChannel ch = InputFiles.open(file, "expected a .wav file");
        try {
            return new WavSource(ch, file, WavHeader.read(ch, ch.size(), file));
        } catch (IOException e) {
            InputFiles.closeAfterFailure(ch);
            throw ReadErrors.of(file, e);
        } catch (RuntimeException e) {
            InputFiles.closeAfterFailure(ch);
            throw e;
        }
    }

    @Override
    public int channels() {
        return format.channels();
    }

    @Override
    public OptionalInt sampleRate() {
        return OptionalInt.of(format.sampleRate());
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public int read(float[][] into, int offset, int n) {
        if (closed) {
            throw new IllegalStateException("audio source is closed");
        }
        int count = (int) Math.min(n, frames - position);
        int framesPerRead = buffer.capacity() / format.blockAlign();
        try {
            for (int done = 0; done < count; ) {
                int k = Math.min(framesPerRead, count - done);
                ByteBuffer b = buffer.slice(0, k * format.blockAlign()).order(ByteOrder.LITTLE_ENDIAN);
                WavHeader.readInto(ch, dataStart + position * format.blockAlign(), b, file);
                WavReader.decodeFrames(b, format, into, offset + done, k);
                position += k;
                done += k;
            }
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
        return count;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            InputFiles.closeAfterFailure(ch); // nothing was written: a failure to close loses nothing
        }
    }
}
