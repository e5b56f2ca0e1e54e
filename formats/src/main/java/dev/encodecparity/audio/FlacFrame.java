package dev.encodecparity.audio;

import java.util.Set;

/**
 * Decodes one FLAC frame: its header (checked against STREAMINFO and its CRC-8), one subframe per channel, the stereo
 * decorrelation (left/side, right/side, mid/side), and the CRC-16 over the whole frame. Decoded samples are left in
 * {@link #samples()}, one buffer per channel reused from frame to frame; the buffers grow with the blocks the frames
 * really hold (by doubling, up to STREAMINFO's maximum), not with the maximum a file declares.
 *
 * <p>Every decoded sample must fit the stream's sample size, as libFLAC also requires: a frame whose CRC matches but
 * whose prediction overflows is refused rather than turned into floats beyond [-1, 1].
 */
final class FlacFrame {
    private static final int[] SAMPLE_RATES = {0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100,
        48000, 96000};
    /** Sample sizes by the header's code; 0 means "as in STREAMINFO" and -1 is reserved. */
    private static final int[] SAMPLE_SIZES = {0, 8, 12, -1, 16, 20, 24, 32};
    private static final int INDEPENDENT_MAX = 7;
    private static final int LEFT_SIDE = 8;
    private static final int SIDE_RIGHT = 9;
    private static final int MID_SIDE = 10;
    private static final String[] STEREO = {"left/side", "right/side", "mid/side"};

    private final byte[] data;
    private final FlacStreamInfo info;
    private final FlacBits bits;
    private final FlacSubframe subframe;
    private final Set<String> features;
    private long[][] samples;
    private int end;

    /** @param features where the decoder notes each coding feature it meets (for tests), or null */
    FlacFrame(byte[] data, FlacStreamInfo info, FlacBits bits, Set<String> features) {
        this.data = data;
        this.info = info;
        this.bits = bits;
        this.subframe = new FlacSubframe(bits, features);
        this.features = features;
        this.samples = new long[info.channels()][0];
    }

    /** The decoded samples of the last frame, {@code [channel][0, blockSize)}. */
    long[][] samples() {
        return samples;
    }

    /** The byte after the last frame decoded. */
    int end() {
        return end;
    }

    /** Decodes the frame that starts at byte {@code start}; returns its block size (samples per channel). */
    int decode(int start, int index) {
        bits.seek(start);
        bits.at(index, start);
        int sync = (int) bits.bits(16);
        if ((sync & 0xFFFE) != 0xFFF8) {
            throw bits.bad((sync & 0xFFFC) == 0xFFF8 ? "the frame header's reserved bit is set"
                    : "no frame sync code where a frame should start (the file is damaged, or something other than"
                    + " frames follows the last one)");
        }
        boolean variable = (sync & 1) == 1;
        int blockCode = (int) bits.bits(4);
        int rateCode = (int) bits.bits(4);
        int channelCode = (int) bits.bits(4);
        int sizeCode = (int) bits.bits(3);
        long reserved = bits.bits(1);
        codedNumber(variable);
        int blockSize = switch (blockCode) {
            case 1 -> 192;
            case 2, 3, 4, 5 -> 576 << (blockCode - 2);
            case 6 -> (int) bits.bits(8) + 1;
            case 7 -> (int) bits.bits(16) + 1;
            default -> blockCode == 0 ? 0 : 256 << (blockCode - 8);
        };
        int rate = switch (rateCode) {
            case 0 -> info.sampleRate();
            case 12 -> (int) bits.bits(8) * 1000;
            case 13 -> (int) bits.bits(16);
            case 14 -> (int) bits.bits(16) * 10;
            case 15 -> -1;
            default -> SAMPLE_RATES[rateCode];
        };
        int headerEnd = bits.bytePosition();
        if (bits.bits(8) != FlacBits.crc8(data, start, headerEnd)) {
            throw bits.bad("frame header CRC-8 mismatch (the frame is damaged)");
        }
        checkHeader(reserved, blockCode, blockSize, rate, channelCode, sizeCode);
        if (features != null) {
            features.add(variable ? "variable block size" : "fixed block size");
            features.add(channelCode <= INDEPENDENT_MAX ? "independent channels" : STEREO[channelCode - LEFT_SIDE]);
        }

        if (samples[0].length < blockSize) {
            samples = new long[info.channels()][Math.max(blockSize, Math.min(2 * samples[0].length,
                    info.maxBlockSize()))];
        }
        int bps = info.bitsPerSample();
        for (int c = 0; c < info.channels(); c++) {
            boolean side = channelCode == LEFT_SIDE && c == 1 || channelCode == SIDE_RIGHT && c == 0
                    || channelCode == MID_SIDE && c == 1;
            subframe.decode(samples[c], blockSize, side ? bps + 1 : bps, c);
        }
        long padding = bits.bits(bits.bitsToByte());
        int crcAt = bits.bytePosition();
        if (bits.bits(16) != FlacBits.crc16(data, start, crcAt)) {
            throw bits.bad("CRC-16 mismatch (the frame is damaged)");
        }
        if (padding != 0) {
            throw bits.bad("the padding bits before the frame's CRC-16 are not 0");
        }
        end = crcAt + 2;
        decorrelate(channelCode, blockSize);
        checkRange(blockSize, bps);
        return blockSize;
    }

    /** Reads the frame or sample number (UTF-8-like, up to 36 bits); its value is not needed, its length is. */
    private void codedNumber(boolean variable) {
        int first = (int) bits.bits(8);
        int ones = Integer.numberOfLeadingZeros(~(first << 24)); // length of the run of 1s at the top of the byte
        if (ones == 1 || ones > (variable ? 7 : 6)) {
            throw bits.bad("malformed " + (variable ? "sample" : "frame") + " number in the frame header");
        }
        for (int i = 1; i < ones; i++) {
            if ((bits.bits(8) & 0xC0) != 0x80) {
                throw bits.bad("malformed " + (variable ? "sample" : "frame") + " number in the frame header");
            }
        }
    }

    private void checkHeader(long reserved, int blockCode, int blockSize, int rate, int channelCode, int sizeCode) {
        if (reserved != 0) {
            throw bits.bad("the frame header's reserved bit is set");
        }
        if (blockCode == 0) {
            throw bits.bad("reserved block size code 0");
        }
        if (blockSize > info.maxBlockSize()) {
            throw bits.bad("block size " + blockSize + " is larger than STREAMINFO's maximum of "
                    + info.maxBlockSize());
        }
        if (rate < 0) {
            throw bits.bad("invalid sample rate code 15");
        }
        if (rate != info.sampleRate()) {
            throw bits.bad("the frame is " + rate + " Hz, STREAMINFO says " + info.sampleRate() + " Hz");
        }
        if (channelCode > MID_SIDE) {
            throw bits.bad("reserved channel assignment " + channelCode);
        }
        int channels = channelCode <= INDEPENDENT_MAX ? channelCode + 1 : 2;
        if (channels != info.channels()) {
            throw bits.bad("the frame has " + channels + (channels == 1 ? " channel" : " channels")
                    + ", STREAMINFO says " + info.channels());
        }
        int size = SAMPLE_SIZES[sizeCode];
        if (size < 0) {
            throw bits.bad("reserved sample size code 3");
        }
        if (size != 0 && size != info.bitsPerSample()) {
            throw bits.bad("the frame has " + size + "-bit samples, STREAMINFO says " + info.bitsPerSample());
        }
    }

    private void decorrelate(int channelCode, int n) {
        if (channelCode <= INDEPENDENT_MAX) {
            return;
        }
        long[] a = samples[0];
        long[] b = samples[1];
        switch (channelCode) {
            case LEFT_SIDE -> {
                for (int i = 0; i < n; i++) {
                    b[i] = a[i] - b[i];
                }
            }
            case SIDE_RIGHT -> {
                for (int i = 0; i < n; i++) {
                    a[i] += b[i];
                }
            }
            default -> {
                // mid/side: the mid channel lost its lowest bit when it was halved; the side's lowest bit restores it.
                for (int i = 0; i < n; i++) {
                    long side = b[i];
                    long mid = a[i] << 1 | side & 1;
                    a[i] = mid + side >> 1;
                    b[i] = mid - side >> 1;
                }
            }
        }
    }

    private void checkRange(int n, int bps) {
        long max = (1L << (bps - 1)) - 1;
        long min = -max - 1;
        for (int c = 0; c < samples.length; c++) {
            long[] s = samples[c];
            for (int i = 0; i < n; i++) {
                if (s[i] < min || s[i] > max) {
                    throw bits.bad("channel " + c + ": sample " + i + " decodes to " + s[i] + ", outside the "
                            + bps + "-bit range (the frame is damaged)");
                }
            }
        }
    }
}
