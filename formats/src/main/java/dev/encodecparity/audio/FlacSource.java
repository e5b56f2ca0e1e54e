package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A FLAC file read a block at a time through {@link FlacFrames}, the decoder {@link FlacReader} uses: the same floats,
 * the same checks and the same messages, in memory bounded by the decoder's window and one frame's samples.
 *
 * <p>{@link #frames()} must be known before the first read. It is STREAMINFO's sample count when {@link FlacReader}
 * would trust it to size its arrays ({@link FlacReader#trustsDeclaredTotal}); otherwise (an unknown count, or a
 * count far beyond what the file's size makes likely) {@link #open} first decodes and checks every frame to count
 * them, streaming and keeping no sample, exactly as {@link FlacReader} counts them, so that a damaged file is refused
 * at open with the same message; reading then decodes the file a second time. A fault found while reading (a CRC, the
 * count or the MD5 checked after the last frame) is thrown by the {@link #read} that meets it, at the latest by the
 * read that reaches the end.
 *
 * <p>Unlike {@link FlacReader}, no limit of 2 GiB on the file: nothing holds it whole.
 */
final class FlacSource extends FileSource {
    private final FlacFrames decoder;
    private final float scale;
    private long position;
    /** The decoded frame being handed out: its length, and how much of it was. */
    private int frameLength;
    private int frameUsed;

    private FlacSource(FileChannel ch, Path file, FlacStreamInfo info, FlacFrames decoder, long frames) {
        super(ch, file, info.channels(), info.sampleRate(), frames);
        this.decoder = decoder;
        this.scale = decoder.scale();
    }

    static FlacSource open(Path file) {
        return open(file, FlacFrames.WINDOW_BYTES);
    }

    /** @param windowBytes the decoder's window (see {@link FlacFrames}); tests make it small */
    static FlacSource open(Path file, int windowBytes) {
        return open(file, "expected a .flac file", ch -> {
            long size = ch.size();
            if (size == 0) {
                throw new BadInputException(file, "empty file, not a FLAC");
            }
            FlacHeader header = FlacHeader.read(ch, size, file, null);
            FlacStreamInfo info = header.info();
            if (FlacReader.trustsDeclaredTotal(info, size)) {
                return new FlacSource(ch, file, info, new FlacFrames(ch, size, file, header, null, true, windowBytes),
                        info.totalSamples());
            }
            long count = FlacReader.count(new FlacFrames(ch, size, file, header, null, true, windowBytes));
            return new FlacSource(ch, file, info, new FlacFrames(ch, size, file, header, null, false, windowBytes),
                    count);
        });
    }

    @Override
    public int read(float[][] into, int offset, int n) {
        checkOpen();
        try {
            int count = 0;
            while (count < n) {
                if (frameUsed == frameLength) {
                    frameLength = decoder.next(frames());
                    frameUsed = 0;
                    if (frameLength == 0) {
                        break;
                    }
                }
                int k = Math.min(n - count, frameLength - frameUsed);
                long[][] samples = decoder.samples();
                for (int c = 0; c < samples.length; c++) {
                    long[] s = samples[c];
                    float[] o = into[c];
                    int at = offset + count - frameUsed;
                    for (int i = frameUsed; i < frameUsed + k; i++) {
                        o[at + i] = s[i] * scale;
                    }
                }
                frameUsed += k;
                count += k;
            }
            position += count;
            if (position == frames() && frameUsed == frameLength) {
                decoder.next(frames()); // no frame is left: this makes the checks at the end, and fails if one is
            }
            return count;
        } catch (IOException e) {
            throw ReadErrors.of(file(), e);
        }
    }
}
