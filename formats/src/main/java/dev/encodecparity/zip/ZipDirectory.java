package dev.encodecparity.zip;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The central directory of a zip file, read by hand because we need what {@code java.util.zip} hides: where each
 * entry's bytes start, so a stored tensor can be streamed straight from the file. Handles zip64 (torch writes it for
 * large checkpoints). Every offset and size is checked against the file before use.
 */
public final class ZipDirectory {
    public static final int STORED = 0;
    public static final int DEFLATED = 8;

    /** One entry; {@code dataOffset} is where its (possibly compressed) bytes start in the file. */
    public record Entry(String name, int method, long compressedSize, long size, long crc, long dataOffset) {
    }

    /**
     * One entry as the central directory lists it, before its local header is checked ({@link #locate}).
     *
     * @param nameIsUtf8 false when the name's bytes are not valid UTF-8 ({@code name} then holds replacement
     *     characters): a format that refuses such names can say so
     */
    public record Listed(String name, boolean nameIsUtf8, int flags, int method, long compressedSize, long size,
                         long crc, long localOffset, NameBytes nameBytes) {
    }

    /** A name's bytes as the directory holds them, which the local header must repeat exactly. */
    public static final class NameBytes {
        private final byte[] bytes;

        private NameBytes(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** What is done with each listed entry, in the directory's order. */
    @FunctionalInterface
    private interface Visitor {
        void visit(Listed entry) throws IOException;
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> entries;

    private ZipDirectory(Path file, FileChannel channel, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    /** The entries by name, in the directory's order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /**
     * Reads and checks the directory of a zip file; every problem is a {@link BadInputException} naming
     * {@code file}.
     */
    public static ZipDirectory read(Path file, FileChannel ch) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        walk(file, ch, listed -> {
            Entry e = locate(file, ch, listed);
            if (entries.put(e.name(), e) != null) {
                throw new BadInputException(file, "zip entry " + e.name() + " appears twice");
            }
        });
        return new ZipDirectory(file, ch, entries);
    }

    /**
     * The central directory's entries in order, with only the directory itself checked, for a format whose rules
     * about names and duplicates come first: {@link #locate} checks each entry's local header and bounds.
     */
    public static List<Listed> list(Path file, FileChannel ch) throws IOException {
        List<Listed> out = new ArrayList<>();
        walk(file, ch, out::add);
        return out;
    }

    private static void walk(Path file, FileChannel ch, Visitor visitor) throws IOException {
        long size = ch.size();
        int tailLength = (int) Math.min(size, 22 + 0xffff + 20);
        ByteBuffer tail = readAt(ch, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (tail.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new BadInputException(file, "zip end-of-central-directory record not found (truncated file?)");
        }
        long count = tail.getShort(eocd + 10) & 0xffff;
        long cdSize = tail.getInt(eocd + 12) & 0xffffffffL;
        long cdOffset = tail.getInt(eocd + 16) & 0xffffffffL;
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            long[] z = zip64End(file, ch, size - tailLength + eocd);
            count = z[0];
            cdSize = z[1];
            cdOffset = z[2];
        }
        // zip64 fields are unsigned 64-bit: a "negative" one is as impossible as one past the end of the file.
        if (count < 0 || cdSize < 0 || cdOffset < 0 || cdOffset + cdSize > size || cdSize > Integer.MAX_VALUE
                || count > cdSize / 46) {
            throw new BadInputException(file, "zip central directory lies outside the file or declares "
                    + count + " entries in " + cdSize + " bytes (truncated or damaged)");
        }
        ByteBuffer cd = readAt(ch, cdOffset, (int) cdSize);
        int p = 0;
        for (long i = 0; i < count; i++) {
            visitor.visit(centralEntry(file, cd, p));
            p += 46 + (cd.getShort(p + 28) & 0xffff) + (cd.getShort(p + 30) & 0xffff) + (cd.getShort(p + 32) & 0xffff);
        }
    }

    private static long[] zip64End(Path file, FileChannel ch, long eocdPos) throws IOException {
        if (eocdPos < 20) {
            throw new BadInputException(file, "zip64 locator missing");
        }
        ByteBuffer loc = readAt(ch, eocdPos - 20, 20);
        if (loc.getInt(0) != 0x07064b50) {
            throw new BadInputException(file, "zip64 locator missing");
        }
        long recordPos = loc.getLong(8);
        if (recordPos < 0 || recordPos + 56 > ch.size()) {
            throw new BadInputException(file, "zip64 end record lies outside the file");
        }
        ByteBuffer rec = readAt(ch, recordPos, 56);
        if (rec.getInt(0) != 0x06064b50) {
            throw new BadInputException(file, "zip64 end record signature missing");
        }
        return new long[] {rec.getLong(32), rec.getLong(40), rec.getLong(48)};
    }

    private static Listed centralEntry(Path file, ByteBuffer cd, int p) {
        if (p + 46 > cd.limit() || cd.getInt(p) != 0x02014b50) {
            throw new BadInputException(file, "zip central directory is damaged (bad entry signature)");
        }
        int flags = cd.getShort(p + 8) & 0xffff;
        int method = cd.getShort(p + 10) & 0xffff;
        long crc = cd.getInt(p + 16) & 0xffffffffL;
        long csize = cd.getInt(p + 20) & 0xffffffffL;
        long usize = cd.getInt(p + 24) & 0xffffffffL;
        int nameLen = cd.getShort(p + 28) & 0xffff;
        int extraLen = cd.getShort(p + 30) & 0xffff;
        long localOffset = cd.getInt(p + 42) & 0xffffffffL;
        if (p + 46 + nameLen + extraLen > cd.limit()) {
            throw new BadInputException(file, "zip central directory is damaged (entry runs past its end)");
        }
        byte[] nameBytes = new byte[nameLen];
        cd.get(p + 46, nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        boolean nameIsUtf8 = isUtf8(nameBytes);
        // zip64 extra field: the 64-bit values appear in this order, each only if its 32-bit field is saturated.
        int x = p + 46 + nameLen;
        int xEnd = x + extraLen;
        while (x + 4 <= xEnd) {
            int id = cd.getShort(x) & 0xffff;
            int len = cd.getShort(x + 2) & 0xffff;
            if (id == 1) {
                int q = x + 4;
                if (usize == 0xffffffffL && q + 8 <= xEnd) {
                    usize = cd.getLong(q);
                    q += 8;
                }
                if (csize == 0xffffffffL && q + 8 <= xEnd) {
                    csize = cd.getLong(q);
                    q += 8;
                }
                if (localOffset == 0xffffffffL && q + 8 <= xEnd) {
                    localOffset = cd.getLong(q);
                }
            }
            x += 4 + len;
        }
        return new Listed(name, nameIsUtf8, flags, method, csize, usize, crc, localOffset, new NameBytes(nameBytes));
    }

    /**
     * Checks a listed entry against the file (not encrypted, stored or deflated, a local header that agrees, its bytes
     * inside the file) and finds where its data starts.
     */
    public static Entry locate(Path file, FileChannel ch, Listed listed) throws IOException {
        String name = listed.name();
        int method = listed.method();
        long csize = listed.compressedSize();
        long usize = listed.size();
        long localOffset = listed.localOffset();
        long fileSize = ch.size();
        if ((listed.flags() & 1) != 0) {
            throw new BadInputException(file, "zip entry " + name + " is encrypted");
        }
        if (method != STORED && method != DEFLATED) {
            throw new BadInputException(file, "zip entry " + name + " uses compression method " + method
                    + "; only stored and deflated entries are supported");
        }
        if (localOffset < 0 || localOffset + 30 > fileSize) {
            throw new BadInputException(file, "zip entry " + name + " starts outside the file");
        }
        ByteBuffer local = readAt(ch, localOffset, 30);
        int localNameLen = local.getShort(26) & 0xffff;
        byte[] nameBytes = listed.nameBytes().bytes;
        if (local.getInt(0) != 0x04034b50 || localNameLen != nameBytes.length
                || localOffset + 30 + nameBytes.length > fileSize
                || !readAt(ch, localOffset + 30, nameBytes.length).equals(ByteBuffer.wrap(nameBytes))) {
            throw new BadInputException(file, "zip entry " + name + " has a damaged local header");
        }
        long dataOffset = localOffset + 30 + localNameLen + (local.getShort(28) & 0xffff);
        if (csize < 0 || usize < 0 || dataOffset + csize > fileSize) {
            throw new BadInputException(file, "zip entry " + name + " (" + csize + " bytes) runs past the end of"
                    + " the file (truncated?)");
        }
        if (method == STORED && csize != usize) {
            throw new BadInputException(file, "zip entry " + name + " is stored but its sizes differ");
        }
        return new Entry(name, method, csize, usize, listed.crc(), dataOffset);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The entry's bytes, inflated if need be, read from the file as the stream is read. The CRC and the declared size
     * are the caller's to check.
     */
    public static InputStream open(FileChannel ch, Entry e) {
        return EntryStreams.open(ch, e);
    }

    /** The whole entry in memory, inflated if needed and checked against its CRC. For small entries only. */
    public byte[] readSmall(Entry e, int limit) throws IOException {
        if (e.size() > limit) {
            throw new BadInputException(file, "zip entry " + e.name() + " is " + e.size()
                    + " bytes, more than the " + limit + " this kind of entry can have");
        }
        byte[] out;
        if (e.method() == STORED) {
            ByteBuffer b = readAt(channel, e.dataOffset(), (int) e.size());
            out = new byte[b.remaining()];
            b.get(out);
        } else {
            if (e.compressedSize() > Integer.MAX_VALUE) {
                throw new BadInputException(file, "zip entry " + e.name() + " is too large");
            }
            ByteBuffer packed = readAt(channel, e.dataOffset(), (int) e.compressedSize());
            out = new byte[(int) e.size()];
            Inflater inf = new Inflater(true);
            try {
                inf.setInput(packed);
                int n = inf.inflate(out);
                if (n != out.length || !inf.finished()) {
                    throw new BadInputException(file,
                            "zip entry " + e.name() + " does not inflate to its declared size");
                }
            } catch (DataFormatException ex) {
                throw new BadInputException(file, "zip entry " + e.name() + " is damaged: " + ex.getMessage());
            } finally {
                inf.end();
            }
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        checkCrc(e, crc.getValue());
        return out;
    }

    private void checkCrc(Entry e, long actual) {
        if (actual != e.crc()) {
            throw new BadInputException(file, String.format(
                    "zip entry %s is damaged: CRC-32 is %08x, the directory says %08x", e.name(), actual, e.crc()));
        }
    }

    /** Exactly {@code n} bytes from {@code pos}, little-endian; {@link java.io.EOFException} past the end. */
    public static ByteBuffer readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new java.io.EOFException();
            }
        }
        return b.flip();
    }
}
