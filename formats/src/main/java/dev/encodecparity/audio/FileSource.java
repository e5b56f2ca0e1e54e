package dev.encodecparity.audio;

import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * What the file-backed {@link AudioSource}s share: one open channel they own, the shape their header gave, and the
 * refusal of use after {@link #close()}. Subclasses decode the samples.
 */
abstract class FileSource implements AudioSource {
    /** Reads a header from an open channel and makes the source. */
    @FunctionalInterface
    interface Opener<T extends FileSource> {
        T open(FileChannel ch) throws IOException;
    }

    private final FileChannel ch;
    private final Path file;
    private final int channels;
    private final int sampleRate;
    private final long frames;
    private boolean closed;

    FileSource(FileChannel ch, Path file, int channels, int sampleRate, long frames) {
        this.ch = ch;
        this.file = file;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.frames = frames;
    }

    /**
     * Opens {@code file} and hands its channel to {@code opener}; when the header is refused the channel is closed and
     * the refusal (or an I/O error, as {@link ReadErrors} words it) thrown.
     */
    static <T extends FileSource> T open(Path file, String expected, Opener<T> opener) {
        FileChannel ch = InputFiles.open(file, expected);
        try {
            return opener.open(ch);
        } catch (IOException e) {
            InputFiles.closeAfterFailure(ch);
            throw ReadErrors.of(file, e);
        } catch (RuntimeException e) {
            InputFiles.closeAfterFailure(ch);
            throw e;
        }
    }

    final FileChannel channel() {
        return ch;
    }

    final Path file() {
        return file;
    }

    /** Refuses use after {@link #close()}. */
    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("audio source is closed");
        }
    }

    @Override
    public final int channels() {
        return channels;
    }

    @Override
    public final OptionalInt sampleRate() {
        return OptionalInt.of(sampleRate);
    }

    @Override
    public final long frames() {
        return frames;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            InputFiles.closeAfterFailure(ch); // nothing was written: a failure to close loses nothing
        }
    }
}
