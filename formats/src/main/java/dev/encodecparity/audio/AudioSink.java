package dev.encodecparity.audio;

import java.io.IOException;

/**
 * Audio written a block at a time, so that a decoded clip of any length goes to its file in bounded memory: a
 * streamed {@code decode} writes through one. The length is declared when the sink is created (the header needs it),
 * and {@link #finish()} checks that exactly that many frames came. Like the whole-file writers, a sink writes a new
 * file at exactly the (staging) path it is given and removes it when writing fails or the sink is closed unfinished;
 * a finished file is byte for byte what the whole-file writer writes for the same audio.
 */
public interface AudioSink extends AutoCloseable {
    /** Writes {@code block[c][offset .. offset + n)} for every channel. */
    void write(float[][] block, int offset, int n) throws IOException;

    /** Completes the file; fails (and removes it) if the frames written are not the frames declared. */
    void finish() throws IOException;

    /** Closes the file; an unfinished one is removed. Idempotent. */
    @Override
    void close() throws IOException;
}
