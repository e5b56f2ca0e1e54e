package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Set;

/**
 * A FLAC file's frames, decoded one after the other from a window of the file: the one decoder behind
 * {@link FlacReader} and {@link FlacSource}. Memory stays bounded whatever the file's length: the window (4 MiB by
 * default, less for a smaller file) slides along the file, and it only widens for a frame larger than itself. Every
 * frame the reference encoder writes is smaller than its samples stored verbatim, at most about 2.2 MB (65,535 samples
 * x 8 channels x 33 bits); only a hand-made frame can be larger, and then the window widens to hold it (never past the
 * file's size, which bounds it as the whole-file reader was bounded).
 *
 * <p>The checks at the end (the sample count against STREAMINFO's, the MD5 of the samples) are made by the
 * {@link #next} that finds no frame left, once {@code InputFiles.checkUnchanged} has confirmed the file is still the
 * one opened.
 */
final class FlacFrames {
    /** The default window: room for the largest frame an encoder writes, with space to slide. */
    static final int WINDOW_BYTES = 4 << 20;
    private static final byte[] ID3V1 = FlacHeader.ascii("TAG");
    private static final int ID3V1_SIZE = 128;
    private static final int MAX_WINDOW = Integer.MAX_VALUE - 8;
    // Enough to hold a frame header, and an ID3v1 tag's "TAG" wherever the window was last filled.
    private static final int MIN_WINDOW = 256;

    private final FileChannel ch;
    private final long size;
    private final Path file;
    private final FlacStreamInfo info;
    private final Set<String> features;
    private final boolean check;
    private final MessageDigest md5;
    private final int bytesPerSample;
    private byte[] md5Buffer = new byte[0];
    private byte[] window;
    private long windowStart;
    private int windowLength;
    private FlacBits bits;
    private FlacFrame frame;
    private long pos;
    private int index;
    private long done;
    private boolean ended;

    /**
     * @param check whether to check the sample count and the MD5 at the end (a second pass over frames already
     *     checked need not); the CRCs are always checked
     * @param windowBytes the window's size (256 at least); tests make it small
     */
    FlacFrames(FileChannel ch, long size, Path file, FlacHeader header, Set<String> features, boolean check,
            int windowBytes) {
        this.ch = ch;
        this.size = size;
        this.file = file;
        this.info = header.info();
        this.features = features;
        this.check = check;
        this.md5 = check && info.hasMd5() ? md5() : null;
        this.bytesPerSample = (info.bitsPerSample() + 7) / 8;
        this.pos = header.firstFrame();
        this.windowStart = pos;
        this.window = new byte[(int) Math.max(0, Math.min(Math.max(windowBytes, MIN_WINDOW), size - pos))];
        newDecoder();
    }

    /** From a sample to its float: an exact power of two, WavReader's for the same sample size, so the same floats. */
    float scale() {
        return Math.scalb(1f, 1 - info.bitsPerSample());
    }

    /** The samples per channel of the frames decoded so far. */
    long done() {
        return done;
    }

    /** The samples of the frame {@link #next} decoded, {@code [channel][0, n)}. */
    long[][] samples() {
        return frame.samples();
    }

    /**
     * Decodes the next frame.
     *
     * @param capacity the most samples per channel the frames may hold (the caller's arrays), or Long.MAX_VALUE
     * @return the frame's samples per channel; 0 when no frame is left and the end checks passed
     */
    int next(long capacity) throws IOException {
        if (ended) {
            return 0;
        }
        if (windowStart + windowLength - pos < window.length / 2 && windowStart + windowLength < size) {
            slide();
        }
        if (pos >= size || isId3v1()) {
            end();
            return 0;
        }
        int n = decodeFrame();
        long[][] samples = frame.samples();
        if (done + n > capacity) {
            throw tooMany();
        }
        if (md5 != null) {
            int need = n * samples.length * bytesPerSample;
            if (md5Buffer.length < need) { // grown as the frame buffers are, by doubling
                md5Buffer = new byte[Math.max(need, Math.min(2 * md5Buffer.length,
                        info.maxBlockSize() * samples.length * bytesPerSample))];
            }
            md5.update(md5Buffer, 0, littleEndian(samples, n, bytesPerSample, md5Buffer));
        }
        done += n;
        if (done > Integer.MAX_VALUE) {
            throw bits.bad("more than " + Integer.MAX_VALUE + " samples per channel; at most that many can be read");
        }
        pos = windowStart + frame.end();
        index++;
        return n;
    }

    /** The frame at {@code pos}, moving or widening the window until it holds the whole frame. */
    private int decodeFrame() throws IOException {
        while (true) {
            try {
                return frame.decode((int) (pos - windowStart), index);
            } catch (FlacBits.PastWindow e) {
                if (pos > windowStart) {
                    slide();
                } else {
                    widen();
                }
            }
        }
    }

    /** Moves the window to start at {@code pos} and fills it from the file. */
    private void slide() throws IOException {
        int keep = (int) (pos - windowStart);
        System.arraycopy(window, keep, window, 0, windowLength - keep);
        windowLength -= keep;
        windowStart = pos;
        fill();
    }

    /** A window twice as large (or as the rest of the file), for a frame larger than the window. */
    private void widen() throws IOException {
        long wanted = Math.min(Math.min(2L * window.length, size - windowStart), MAX_WINDOW);
        if (wanted <= window.length) {
            throw bits.bad("a frame of over " + window.length + " bytes; no more can be held");
        }
        window = Arrays.copyOf(window, (int) wanted);
        newDecoder();
        fill();
    }

    private void fill() throws IOException {
        long filled = windowStart + windowLength;
        int room = (int) Math.min(window.length - windowLength, size - filled);
        ByteBuffer b = ByteBuffer.wrap(window, windowLength, room);
        while (b.hasRemaining()) {
            if (ch.read(b, windowStart + b.position()) < 0) {
                throw new BadInputException(file, "truncated file (ends at byte " + (windowStart + b.position())
                        + ")");
            }
        }
        windowLength += room;
        bits.window(windowLength, windowStart, windowStart + windowLength >= size);
    }

    /** A decoder over the window array (again when the window is widened: the decoder keeps the array). */
    private void newDecoder() {
        bits = new FlacBits(window, file);
        bits.window(windowLength, windowStart, windowStart + windowLength >= size);
        frame = new FlacFrame(window, info, bits, features);
    }

    /** An ID3v1 tag: the last 128 bytes of the file, starting with "TAG", where the next frame would start. */
    private boolean isId3v1() {
        int at = (int) (pos - windowStart);
        return pos == size - ID3V1_SIZE && windowLength - at >= ID3V1.length
                && Arrays.equals(window, at, at + ID3V1.length, ID3V1, 0, ID3V1.length);
    }

    private void end() {
        ended = true;
        InputFiles.checkUnchanged(ch);
        bits.at(-1, 0);
        if (check && info.totalSamples() > 0 && done != info.totalSamples()) {
            throw done < info.totalSamples()
                    ? bits.bad("truncated file: STREAMINFO declares " + info.totalSamples()
                            + " samples per channel, the frames hold " + done)
                    : tooMany();
        }
        if (md5 != null && !Arrays.equals(md5.digest(), info.md5())) {
            throw bits.bad("the decoded samples do not match STREAMINFO's MD5 signature (the file is damaged)");
        }
    }

    private BadInputException tooMany() {
        return bits.bad("the frames hold more than the " + info.totalSamples() + " samples per channel that"
                + " STREAMINFO declares");
    }

    /** The samples as libFLAC hashes them: interleaved, little-endian, in the fewest whole bytes that hold them. */
    private static int littleEndian(long[][] samples, int n, int bytesPerSample, byte[] buffer) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (long[] channel : samples) {
                long v = channel[i];
                for (int b = 0; b < bytesPerSample; b++) {
                    buffer[k++] = (byte) (v >> 8 * b);
                }
            }
        }
        return k;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
