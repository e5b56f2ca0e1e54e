package dev.encodecparity.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What every file {@link AudioSink} shares: the file created new (as {@link FileOutput} creates one: an existing path
 * is refused, never replaced), the count of frames against those declared, and the file removed again when writing
 * fails or the sink is closed unfinished. Subclasses encode the blocks.
 *
 * <p>More frames than declared are refused by the {@link #write} that would pass the count, too few by
 * {@link #finish()}; both are the caller's mistake, an {@link IllegalStateException}, and remove the file. So does any
 * use after {@link #close()} or {@link #finish()}.
 */
abstract class FileSink implements AudioSink {
    private final Path file;
    private final FileChannel ch;
    private final int channels;
    private final long frames;
    private long written;
    private boolean closed;

    /** Creates the file and writes its header; nothing is left behind when that fails. */
    FileSink(Path file, int channels, long frames, byte[] header) throws IOException {
        if (channels < 1 || frames < 0) {
            throw new IllegalArgumentException(channels + " channels, " + frames + " frames");
        }
        this.file = file;
        this.channels = channels;
        this.frames = frames;
        this.ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            writeFully(ByteBuffer.wrap(header), 0);
        } catch (IOException e) {
            throw abort(e);
        } catch (RuntimeException e) {
            throw abort(e);
        }
    }

    /** Channels per frame. */
    final int channels() {
        return channels;
    }

    /** The frames declared. */
    final long frames() {
        return frames;
    }

    /**
     * Encodes and writes {@code block[c][offset .. offset + n)}, the frames that follow the {@code at} already written.
     */
    abstract void writeBlock(float[][] block, int offset, int n, long at) throws IOException;

    /** Writes all of {@code b} at file offset {@code position}. */
    final void writeFully(ByteBuffer b, long position) throws IOException {
        long at = position;
        while (b.hasRemaining()) {
            at += ch.write(b, at);
        }
    }

    @Override
    public final void write(float[][] block, int offset, int n) throws IOException {
        checkOpen();
        if (n < 0 || block.length < channels) {
            throw abort(new IllegalArgumentException(n + " frames of " + block.length + " channels; " + channels
                    + " expected"));
        }
        if (written + n > frames) {
            throw abort(new IllegalStateException(file + ": " + (written + n) + " frames written, more than the "
                    + frames + " declared"));
        }
        try {
            writeBlock(block, offset, n, written);
        } catch (IOException e) {
            throw abort(e);
        } catch (RuntimeException e) {
            throw abort(e);
        }
        written += n;
    }

    @Override
    public final void finish() throws IOException {
        checkOpen();
        if (written != frames) {
            throw abort(new IllegalStateException(file + ": " + written + " frames written, " + frames
                    + " declared"));
        }
        closed = true;
        try {
            ch.close();
        } catch (IOException e) {
            throw abort(e);
        }
    }

    @Override
    public final void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                ch.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(file + ": the audio sink is closed");
        }
    }

    /**
     * Closes the file and removes it, so that a failed one is never left behind; returns {@code failure} to throw,
     * with any failure to clean up attached to it.
     */
    private <T extends Exception> T abort(T failure) {
        closed = true;
        try {
            ch.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }
}
