package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Where a WAV file's samples are and how they are stored: the chunk walk that {@link WavReader} and
 * {@link WavSource} share, with every check of the header (see {@link WavReader} for the rules), so that both refuse
 * a bad file with the same message before reading any sample.
 *
 * @param dataStart the byte offset of the first sample
 * @param frames whole frames in the data chunk (a streaming writer's chunk: the whole frames to the end of the file)
 */
record WavHeader(WavFormat format, long dataStart, long frames) {
    private static final long STREAMING_SIZE = 0xFFFFFFFFL;
    // fmt chunks are 16 to 40 bytes, a few writers add a little; the rest of a larger one is not needed.
    private static final int FMT_BYTES_READ = 64;
    /** Chunk ids as little-endian ints: "data" and "fmt ". */
    private static final int DATA = 0x61746164;
    private static final int FMT = 0x20746d66;

    /** Walks the chunks of the {@code size}-byte file open in {@code ch}. */
    static WavHeader read(FileChannel ch, long size, Path file) throws IOException {
        if (size == 0) {
            throw new BadInputException(file, "empty file, not a WAV");
        }
        ByteBuffer head = readAt(ch, 0, (int) Math.min(12, size), file);
        String id = fourCc(head, 0);
        if (id.equals("RF64") || id.equals("BW64")) {
            throw new BadInputException(file, "RF64/BW64 (64-bit WAV) is not supported; convert it to a plain WAV"
                    + " (under 4 GiB) or to .npy");
        }
        if (id.equals("RIFX")) {
            throw new BadInputException(file, "big-endian RIFX WAV is not supported");
        }
        if (!id.equals("RIFF")) {
            throw new BadInputException(file, "not a WAV file (it does not start with RIFF)");
        }
        if (size < 12) {
            throw new BadInputException(file, "truncated header (" + size + " bytes)");
        }
        long riffSize = head.getInt(4) & 0xFFFFFFFFL;
        if (!fourCc(head, 8).equals("WAVE")) {
            throw new BadInputException(file, "not a WAV file (a RIFF file of form '" + fourCc(head, 8)
                    + "', not 'WAVE')");
        }

        WavFormat format = null;
        long dataStart = -1;
        long dataSize = -1;
        boolean streaming = false;
        long pos = 12;
        // A file can hold thousands of tiny chunks: their headers are read into one buffer, and ids compared as ints.
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 8 <= size) {
            readInto(ch, pos, h, file);
            int chunkId = h.getInt(0);
            long chunkSize = h.getInt(4) & 0xFFFFFFFFL;
            long body = pos + 8;
            long available = size - body;
            if (chunkId == DATA) {
                if (dataStart >= 0) {
                    throw new BadInputException(file, "two data chunks");
                }
                streaming = chunkSize == STREAMING_SIZE
                        || (chunkSize == 0 && (riffSize == 0 || riffSize == STREAMING_SIZE) && available > 0);
                if (streaming) {
                    chunkSize = available;
                } else if (chunkSize > available) {
                    throw new BadInputException(file, "truncated data: the data chunk declares " + chunkSize
                            + " bytes but only " + available + " follow");
                }
                dataStart = body;
                dataSize = chunkSize;
                if (format != null) {
                    break; // nothing after the data is needed
                }
            } else if (chunkId == FMT) {
                if (format != null) {
                    throw new BadInputException(file, "two fmt chunks");
                }
                if (chunkSize > available) {
                    throw new BadInputException(file, "truncated header: the fmt chunk declares " + chunkSize
                            + " bytes but only " + available + " follow");
                }
                format = WavFormat.parse(readAt(ch, body, (int) Math.min(chunkSize, FMT_BYTES_READ), file),
                        chunkSize, file);
            } else if (chunkSize > available) {
                throw new BadInputException(file, "truncated file: chunk '" + fourCc(h, 0) + "' declares " + chunkSize
                        + " bytes but only " + available + " follow");
            }
            pos = body + chunkSize + (chunkSize & 1);
        }
        if (format == null) {
            throw new BadInputException(file, pos >= size && size <= 12
                    ? "truncated header (no chunks after RIFF/WAVE)" : "no fmt chunk");
        }
        if (dataStart < 0) {
            throw new BadInputException(file, "no data chunk");
        }
        long frames = dataSize / format.blockAlign();
        if (!streaming && dataSize % format.blockAlign() != 0) {
            throw new BadInputException(file, "data chunk of " + dataSize + " bytes is not a whole number of "
                    + format.blockAlign() + "-byte frames (" + format.describe() + ", " + format.channels()
                    + " channels)");
        }
        return new WavHeader(format, dataStart, frames);
    }

    /** Exactly {@code n} bytes at {@code pos}, little-endian; a file that shrinks under us is reported as truncated. */
    static ByteBuffer readAt(FileChannel ch, long pos, int n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        readInto(ch, pos, b, file);
        return b;
    }

    /** Fills {@code b} (from position 0) with the bytes at {@code pos} and flips it for reading. */
    static void readInto(FileChannel ch, long pos, ByteBuffer b, Path file) throws IOException {
        b.clear();
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new BadInputException(file, "truncated file (ends at byte " + (pos + b.position()) + ")");
            }
        }
        b.flip();
    }

    /** A chunk id as text, with bytes outside printable ASCII escaped so that the message stays one line. */
    private static String fourCc(ByteBuffer b, int at) {
        StringBuilder s = new StringBuilder();
        for (int i = at; i < at + 4 && i < b.limit(); i++) {
            int c = b.get(i) & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                s.append((char) c);
            } else {
                s.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return s.toString();
    }
}
