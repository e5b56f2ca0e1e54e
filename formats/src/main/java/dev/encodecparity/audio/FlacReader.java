package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads native FLAC files (not Ogg FLAC): any sample size from 4 to 32 bits, 1 to 8 channels, every subframe type
 * and residual coding of the format (see {@link FlacFrame}, {@link FlacSubframe}), fixed or variable block sizes.
 *
 * <p>Samples become float32 exactly as {@link WavReader} turns the same PCM into floats, {@code x / 2^(bits-1)}: a
 * FLAC and the WAV that {@code flac -d} makes of it read to identical floats. The sample rate is STREAMINFO's.
 *
 * <p>Strict: a damaged file is refused, never read in part. Every frame header's CRC-8 and every frame's CRC-16
 * must match, frames must follow each other with nothing in between, every frame must agree with STREAMINFO (rate,
 * channels, sample size, at most its maximum block size), the frames must hold exactly STREAMINFO's sample count when
 * it is given, and the samples must match STREAMINFO's MD5 when it is not zero. Metadata blocks other than STREAMINFO
 * are skipped, and so are an ID3v2 tag before the stream and an ID3v1 tag after it, as taggers leave them.
 *
 * <p>Bounded by the file, not by what it declares: the frames are decoded from a window of the file (see
 * {@link FlacFrames}), and STREAMINFO's sample count sizes the output only when it is within
 * {@link #TRUSTED_EXPANSION} bytes of floats per byte of file. Otherwise (silence compresses far better; a damaged
 * or hostile file may claim 2^36 samples) the frames are decoded twice, first to count and check them and then into
 * arrays of exactly the size they hold. {@link FlacSource} streams a file through the same decoder.
 */
public final class FlacReader {
    // Files over 2 GiB decode to more floats than one array holds anyway; FlacSource streams them.
    private static final int MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** Bytes of float32 per byte of file up to which STREAMINFO's sample count is trusted to allocate at once. */
    static final long TRUSTED_EXPANSION = 16;

    private FlacReader() {
    }

    /** Reads a FLAC file; the result always has a sample rate. */
    public static Audio read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a FLAC file and notes each coding feature it meets.
     *
     * @param features "LPC", "Rice2", "mid/side", "SEEKTABLE" ... (the tests check that every one is exercised), or
     *     null
     */
    static Audio read(Path file, Set<String> features) {
        try (FileChannel ch = InputFiles.open(file, "expected a .flac file")) {
            long size = ch.size();
            if (size > MAX_FILE_BYTES) {
                throw new BadInputException(file, "FLAC files over 2 GiB are not supported (this one is " + size
                        + " bytes); split it or convert it to WAV");
            }
            if (size == 0) {
                throw new BadInputException(file, "empty file, not a FLAC");
            }
            FlacHeader header = FlacHeader.read(ch, size, file, features);
            FlacStreamInfo info = header.info();
            int window = FlacFrames.WINDOW_BYTES;
            float[][] out;
            if (trustsDeclaredTotal(info, size)) {
                out = new float[info.channels()][(int) info.totalSamples()];
                decodeInto(new FlacFrames(ch, size, file, header, features, true, window), out);
            } else {
                int count = (int) count(new FlacFrames(ch, size, file, header, features, true, window));
                out = new float[info.channels()][count];
                decodeInto(new FlacFrames(ch, size, file, header, features, false, window), out);
            }
            return Audio.of(out, info.sampleRate());
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    /**
     * Whether STREAMINFO's sample count may size the output before the frames are decoded: it is known, and within
     * {@link #TRUSTED_EXPANSION} of the {@code size}-byte file. Otherwise the frames are counted first.
     */
    static boolean trustsDeclaredTotal(FlacStreamInfo info, long size) {
        long declared = info.totalSamples();
        return declared > 0 && declared * info.channels() * Float.BYTES <= TRUSTED_EXPANSION * size;
    }

    /** Decodes and checks every frame, keeping no sample; returns the samples per channel. */
    static long count(FlacFrames frames) throws IOException {
        while (frames.next(Long.MAX_VALUE) > 0) {
            // only the count and the checks are wanted
        }
        return frames.done();
    }

    private static void decodeInto(FlacFrames frames, float[][] out) throws IOException {
        float scale = frames.scale();
        int n;
        while ((n = frames.next(out[0].length)) > 0) {
            long[][] samples = frames.samples();
            int at = (int) frames.done() - n;
            for (int c = 0; c < samples.length; c++) {
                long[] s = samples[c];
                float[] o = out[c];
                for (int i = 0; i < n; i++) {
                    o[at + i] = s[i] * scale;
                }
            }
        }
    }
}
