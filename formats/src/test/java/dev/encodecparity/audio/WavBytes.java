package dev.encodecparity.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte for tests, including wrong ones. */
final class WavBytes {
    private WavBytes() {
    }

    static byte[] chunk(String id, byte[] body) {
        return chunk(id, body.length, body);
    }

    /** A chunk whose header may declare another size than the body has; pads an odd body. */
    static byte[] chunk(String id, long declaredSize, byte[] body) {
        ByteBuffer b = le(8 + body.length + (body.length & 1));
        b.put(id.getBytes(StandardCharsets.ISO_8859_1)).putInt((int) declaredSize).put(body);
        return b.array();
    }

    static byte[] riff(byte[]... chunks) {
        int length = 4;
        for (byte[] c : chunks) {
            length += c.length;
        }
        return riffWithSize(length, chunks);
    }

    static byte[] riffWithSize(long riffSize, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le(4).putInt((int) riffSize).array());
        out.writeBytes("WAVE".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        int block = channels * bits / 8;
        return chunk("fmt ", le(16).putShort((short) tag).putShort((short) channels).putInt(rate)
                .putInt(rate * block).putShort((short) block).putShort((short) bits).array());
    }

    static byte[] fmtExtensible(int subTag, int channels, int rate, int bits, byte[] guidTail) {
        return fmtExtensible(subTag, channels, rate, bits, bits, 0, guidTail);
    }

    static byte[] fmtExtensible(int subTag, int channels, int rate, int bits, int validBits, int channelMask,
            byte[] guidTail) {
        int block = channels * bits / 8;
        ByteBuffer b = le(40).putShort((short) 0xFFFE).putShort((short) channels).putInt(rate)
                .putInt(rate * block).putShort((short) block).putShort((short) bits)
                .putShort((short) 22).putShort((short) validBits).putInt(channelMask).putInt(subTag).put(guidTail);
        return chunk("fmt ", b.array());
    }

    /**
     * A PCM WAV of planar integer samples ({@code validBits} wide), as the reference tools write one: 8-bit unsigned,
     * wider signed little-endian; WAVE_FORMAT_EXTENSIBLE, the samples left-justified in their containers, when fewer
     * bits are valid than the container holds or there are more than two channels (flac refuses those otherwise).
     */
    static byte[] pcm(int rate, int containerBits, int validBits, int[][] planar) {
        int channels = planar.length;
        int bytes = containerBits / 8;
        ByteBuffer data = le(channels * planar[0].length * bytes);
        for (int i = 0; i < planar[0].length; i++) {
            for (int[] channel : planar) {
                long v = (long) channel[i] << (containerBits - validBits);
                if (containerBits == 8) {
                    v += 128;
                }
                for (int k = 0; k < bytes; k++) {
                    data.put((byte) (v >> 8 * k));
                }
            }
        }
        // 8 channels: FL FR FC LFE BL BR SL SR, FLAC's own order; fewer: the first speaker positions.
        int mask = channels == 8 ? 0x63F : (1 << channels) - 1;
        byte[] fmt = channels > 2 || validBits != containerBits
                ? fmtExtensible(1, channels, rate, containerBits, validBits, mask, WavFormat.GUID_TAIL)
                : fmt(1, channels, rate, containerBits);
        return riff(fmt, chunk("data", data.array()));
    }

    static byte[] shorts(int... values) {
        ByteBuffer b = le(2 * values.length);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
