package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The sample format from a WAV {@code fmt } chunk, reduced to what decoding needs and checked for consistency.
 * WAVE_FORMAT_EXTENSIBLE is resolved to its sub-format, so {@code floating} and {@code bitsPerSample} describe the
 * stored samples whichever header carried them.
 *
 * @param bitsPerSample the container size; for extensible files with fewer valid bits the samples are left-justified
 *     in it, so scaling by the container gives the right value
 */
record WavFormat(boolean floating, int channels, int sampleRate, int bitsPerSample, int blockAlign) {

    static final int PCM = 0x0001;
    static final int IEEE_FLOAT = 0x0003;
    static final int EXTENSIBLE = 0xFFFE;
    /** Bytes 4..15 of every KSDATAFORMAT_SUBTYPE_* GUID whose first four bytes are a format tag. */
    static final byte[] GUID_TAIL = {0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
        (byte) 0x9B, 0x71};
    private static final int MIN_SIZE = 16;
    private static final int EXTENSIBLE_SIZE = 40;

    // Names for the tags people actually meet, so that the error says what the file is.
    private static final Map<Integer, String> KNOWN_TAGS = Map.ofEntries(
            Map.entry(0x0002, "Microsoft ADPCM"),
            Map.entry(0x0006, "A-law"),
            Map.entry(0x0007, "mu-law"),
            Map.entry(0x0011, "IMA ADPCM"),
            Map.entry(0x0031, "GSM 6.10"),
            Map.entry(0x0050, "MPEG"),
            Map.entry(0x0055, "MPEG Layer 3"),
            Map.entry(0x00FF, "AAC"),
            Map.entry(0x0160, "WMA"),
            Map.entry(0x0161, "WMA"),
            Map.entry(0x2000, "AC-3"),
            Map.entry(0xF1AC, "FLAC"));

    /** Bytes per sample in the data. */
    int bytesPerSample() {
        return bitsPerSample / 8;
    }

    /** "PCM 16-bit", "IEEE float 32-bit". */
    String describe() {
        return (floating ? "IEEE float " : "PCM ") + bitsPerSample + "-bit";
    }

    /**
     * Parses a {@code fmt } chunk.
     *
     * @param body the chunk's first bytes (at least 40 when that many exist)
     * @param declaredSize the chunk size from its header
     */
    static WavFormat parse(ByteBuffer body, long declaredSize, Path file) {
        if (declaredSize < MIN_SIZE || body.remaining() < MIN_SIZE) {
            throw new BadInputException(file, "truncated header: the fmt chunk is " + declaredSize + " bytes, at least "
                    + MIN_SIZE + " expected");
        }
        ByteBuffer b = body.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int tag = b.getShort() & 0xFFFF;
        int channels = b.getShort() & 0xFFFF;
        long sampleRate = b.getInt() & 0xFFFFFFFFL;
        b.getInt(); // byte rate: derived, and often wrong in the wild; blockAlign is what decoding relies on
        int blockAlign = b.getShort() & 0xFFFF;
        int bits = b.getShort() & 0xFFFF;

        int effectiveTag = tag;
        if (tag == EXTENSIBLE) {
            if (declaredSize < EXTENSIBLE_SIZE || body.remaining() < EXTENSIBLE_SIZE) {
                throw new BadInputException(file, "truncated header: WAVE_FORMAT_EXTENSIBLE fmt chunk is "
                        + declaredSize + " bytes, " + EXTENSIBLE_SIZE + " expected");
            }
            b.getShort(); // cbSize
            int validBits = b.getShort() & 0xFFFF;
            b.getInt(); // channel mask: speaker positions, which decoding does not need
            effectiveTag = b.getInt();
            byte[] tail = new byte[GUID_TAIL.length];
            b.get(tail);
            if (!Arrays.equals(tail, GUID_TAIL) || effectiveTag >>> 16 != 0) {
                throw new BadInputException(file, "unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID; expected PCM or"
                        + " IEEE float");
            }
            if (effectiveTag != PCM && effectiveTag != IEEE_FLOAT) {
                throw new BadInputException(file, "unsupported WAVE_FORMAT_EXTENSIBLE sub-format "
                        + tagName(effectiveTag) + "; expected PCM (1) or IEEE float (3)");
            }
            if (validBits > bits) {
                throw new BadInputException(file, validBits + " valid bits in " + bits + "-bit samples");
            }
        } else if (tag != PCM && tag != IEEE_FLOAT) {
            throw new BadInputException(file, "unsupported WAV format tag " + tagName(tag)
                    + "; expected PCM (1), IEEE float (3) or WAVE_FORMAT_EXTENSIBLE (0xFFFE)");
        }
        boolean floating = effectiveTag == IEEE_FLOAT;

        if (channels == 0) {
            throw new BadInputException(file, "the fmt chunk declares 0 channels");
        }
        if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
            throw new BadInputException(file, "absurd sample rate " + sampleRate + " Hz");
        }
        if (floating ? bits != 32 && bits != 64 : bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new BadInputException(file, "unsupported sample size: " + bits + "-bit "
                    + (floating ? "IEEE float; expected 32 or 64" : "PCM; expected 8, 16, 24 or 32"));
        }
        if (blockAlign != channels * (bits / 8)) {
            throw new BadInputException(file, "block align " + blockAlign + " does not match " + channels
                    + " channels of " + bits + "-bit samples (" + channels * (bits / 8) + " bytes per frame)");
        }
        return new WavFormat(floating, channels, (int) sampleRate, bits, blockAlign);
    }

    /** "0x0055 (MPEG Layer 3)", or just the hex for tags we have no name for. */
    static String tagName(int tag) {
        String hex = String.format("0x%04X", tag);
        String name = KNOWN_TAGS.get(tag);
        return name == null ? hex : hex + " (" + name + ")";
    }
}
