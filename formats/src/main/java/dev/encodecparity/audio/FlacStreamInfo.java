package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A FLAC file's STREAMINFO block, checked: what every frame must agree with.
 *
 * @param maxBlockSize no frame may hold more samples per channel (it also sizes the decoder's buffers)
 * @param totalSamples samples per channel, or 0 when the encoder did not know (a stream written to a pipe)
 * @param md5 the MD5 of the decoded samples, or all zeros when the encoder did not compute it
 */
record FlacStreamInfo(int minBlockSize, int maxBlockSize, int sampleRate, int channels, int bitsPerSample,
        long totalSamples, byte[] md5) {

    static final int SIZE = 34;
    // The format's own limits: block sizes below 16 are invalid, and sample sizes below 4 bits do not exist.
    private static final int MIN_BLOCK_SIZE = 16;
    private static final int MIN_BITS = 4;

    /** Parses the 34 bytes at {@code at}. */
    static FlacStreamInfo parse(byte[] d, int at, Path file) {
        int minBlock = u16(d, at);
        int maxBlock = u16(d, at + 2);
        long packed = 0; // sample rate (20 bits), channels - 1 (3), bits - 1 (5), total samples (36)
        for (int i = 0; i < 8; i++) {
            packed = packed << 8 | (d[at + 10 + i] & 0xFF);
        }
        int rate = (int) (packed >>> 44);
        int channels = (int) (packed >>> 41 & 7) + 1;
        int bits = (int) (packed >>> 36 & 31) + 1;
        long total = packed & 0xFFFFFFFFFL;
        byte[] md5 = Arrays.copyOfRange(d, at + 18, at + 34);
        if (maxBlock < MIN_BLOCK_SIZE) {
            throw new BadInputException(file, "STREAMINFO declares a maximum block size of " + maxBlock
                    + " samples; FLAC's smallest is " + MIN_BLOCK_SIZE);
        }
        if (minBlock > maxBlock) {
            throw new BadInputException(file, "STREAMINFO declares a minimum block size of " + minBlock
                    + " samples, above its maximum of " + maxBlock);
        }
        if (rate == 0) {
            throw new BadInputException(file, "STREAMINFO declares a sample rate of 0 Hz");
        }
        if (bits < MIN_BITS) {
            throw new BadInputException(file, "STREAMINFO declares " + bits + "-bit samples; FLAC has 4 to 32 bits");
        }
        if (total > Integer.MAX_VALUE) {
            throw new BadInputException(file, "STREAMINFO declares " + total + " samples per channel; at most "
                    + Integer.MAX_VALUE + " can be read");
        }
        return new FlacStreamInfo(minBlock, maxBlock, rate, channels, bits, total, md5);
    }

    /** Whether the encoder recorded an MD5 of the samples (it is all zeros when it did not). */
    boolean hasMd5() {
        for (byte b : md5) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    private static int u16(byte[] d, int at) {
        return (d[at] & 0xFF) << 8 | (d[at + 1] & 0xFF);
    }
}
