package dev.encodecparity.audio;

import java.util.OptionalInt;

/**
 * Audio read a block at a time, so that a clip of any length passes through in bounded memory: a streamed
 * {@code encode} reads its clip through one. The header is read when the source is opened, so the channels, the rate
 * and the length are known before any sample is; a fault in the samples (a FLAC frame's CRC, its MD5 at the end)
 * surfaces from the {@link #read} that meets it, as the same one-line error the whole-file reader gives.
 *
 * <p>Implementations own an open file: one owner, closed once, and no use after {@link #close()}.
 */
public interface AudioSource extends AutoCloseable {
    /** Channels per frame. */
    int channels();

    /** The sample rate, empty for a {@code .npy}. */
    OptionalInt sampleRate();

    /** Frames (samples per channel) in the whole clip. */
    long frames();

    /**
     * Reads the next frames into {@code into[c][offset .. offset + n)}, as many as are left up to {@code n}.
     *
     * @return the frames read: {@code n} until the end of the clip, then fewer, then 0
     * @throws dev.encodecparity.common.BadInputException for bad data, naming the file
     */
    int read(float[][] into, int offset, int n);

    /** Closes the file; idempotent. */
    @Override
    void close();

    /** A source over audio already in memory (a {@code .npy}, a converted clip, tests). */
    static AudioSource of(Audio audio) {
        return new MemorySource(audio);
    }
}
