package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * What precedes a FLAC file's frames, checked: an optional ID3v2 tag, {@code fLaC}, then the metadata blocks, of which
 * only STREAMINFO is kept. Read with a few small reads at the places the block headers point to, so that large
 * blocks (pictures, padding) are skipped unread.
 *
 * @param firstFrame the file offset of the first frame
 */
record FlacHeader(FlacStreamInfo info, long firstFrame) {
    private static final byte[] MAGIC = ascii("fLaC");
    private static final byte[] ID3V2 = ascii("ID3");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] OGG = ascii("OggS");
    private static final int ID3V2_HEADER = 10;
    private static final String[] BLOCK_TYPES = {"STREAMINFO", "PADDING", "APPLICATION", "SEEKTABLE",
        "VORBIS_COMMENT", "CUESHEET", "PICTURE"};
    private static final int INVALID_BLOCK_TYPE = 127;

    /**
     * Reads the header of the {@code size}-byte (at least 1) file open in {@code ch}.
     *
     * @param features where the metadata block types other than STREAMINFO are noted, or null
     */
    static FlacHeader read(FileChannel ch, long size, Path file, Set<String> features) throws IOException {
        long pos = afterId3v2(ch, size, file);
        byte[] magic = bytesAt(ch, pos, MAGIC.length, size, file);
        if (!startsWith(magic, MAGIC)) {
            throw new BadInputException(file, "not a FLAC file (it does not start with fLaC" + hint(magic) + ")");
        }
        pos += MAGIC.length;
        FlacStreamInfo info = null;
        boolean last = false;
        for (int index = 0; !last; index++) {
            byte[] h = bytesAt(ch, pos, 4, size, file);
            if (h.length < 4) {
                throw new BadInputException(file, "truncated file: it ends in the metadata, before the frames");
            }
            last = (h[0] & 0x80) != 0;
            int type = h[0] & 0x7F;
            int length = (h[1] & 0xFF) << 16 | (h[2] & 0xFF) << 8 | (h[3] & 0xFF);
            pos += 4;
            String name = type < BLOCK_TYPES.length ? BLOCK_TYPES[type] : "type " + type;
            if (length > size - pos) {
                throw new BadInputException(file, "truncated file: metadata block " + index + " (" + name
                        + ") declares " + length + " bytes but only " + (size - pos) + " follow");
            }
            if (index == 0 && type != 0) {
                throw new BadInputException(file, "the first metadata block is " + name + ", not STREAMINFO");
            }
            if (type == 0) {
                if (index > 0) {
                    throw new BadInputException(file, "a second STREAMINFO block (metadata block " + index + ")");
                }
                if (length != FlacStreamInfo.SIZE) {
                    throw new BadInputException(file, "STREAMINFO is " + length + " bytes; " + FlacStreamInfo.SIZE
                            + " expected");
                }
                info = FlacStreamInfo.parse(bytesAt(ch, pos, length, size, file), 0, file);
            } else if (type == INVALID_BLOCK_TYPE) {
                throw new BadInputException(file, "invalid metadata block type 127 (block " + index + ")");
            } else if (features != null) {
                features.add(name);
            }
            pos += length;
        }
        return new FlacHeader(info, pos);
    }

    /**
     * The {@code n} bytes at {@code pos}, fewer where the file ends sooner; a file that shrinks under us is reported
     * as truncated.
     */
    static byte[] bytesAt(FileChannel ch, long pos, int n, long size, Path file) throws IOException {
        byte[] bytes = new byte[(int) Math.max(0, Math.min(n, size - pos))];
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new BadInputException(file, "truncated file (ends at byte " + (pos + b.position()) + ")");
            }
        }
        return bytes;
    }

    /** Where the stream starts: after an ID3v2 tag, which some taggers put before a FLAC's "fLaC". */
    private static long afterId3v2(FileChannel ch, long size, Path file) throws IOException {
        byte[] tag = bytesAt(ch, 0, ID3V2_HEADER, size, file);
        if (!startsWith(tag, ID3V2) || tag.length < ID3V2_HEADER) {
            return 0;
        }
        int length = 0;
        for (int i = 6; i < ID3V2_HEADER; i++) {
            length = length << 7 | (tag[i] & 0x7F); // "syncsafe": 7 bits per byte
        }
        long end = ID3V2_HEADER + (long) length + ((tag[5] & 0x10) != 0 ? ID3V2_HEADER : 0); // flag: a footer follows
        if (end > size) {
            throw new BadInputException(file, "truncated file: its ID3v2 tag declares " + length + " bytes but only "
                    + (size - ID3V2_HEADER) + " follow");
        }
        return end;
    }

    /** What the file seems to be instead, for the message. */
    private static String hint(byte[] start) {
        if (startsWith(start, RIFF)) {
            return "; it is a WAV file: give it a .wav name";
        }
        if (startsWith(start, OGG)) {
            return "; it is an Ogg file: Ogg FLAC is not supported, decode it to WAV first";
        }
        return "";
    }

    static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
