package dev.encodecparity.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The one zip writer: stored (uncompressed) entries with a fixed timestamp, so the same content always gives the same
 * bytes. Uses zip64 records only when sizes or offsets need them. Each format picks the {@link Style} its files have
 * always had, so that switching writers changed no output.
 */
public final class ZipWriter {
    private static final int ALIGN = 64;
    private static final long MAX32 = 0xffffffffL;
    // 1980-01-01 00:00, the earliest time a zip can hold: any fixed time would do, this one says "no real time".
    private static final short DOS_TIME = 0;
    private static final short DOS_DATE = 0x21;

    /** How entry headers are laid out; each style is byte-for-byte what that format's files have always been. */
    public enum Style {
        /**
         * As {@code torch.save} writes: each entry's data starts on a 64-byte boundary (padded by torch's "FB" extra
         * field), so a reader can map tensors in place; version 2.0, no flags.
         */
        TORCH,
        /**
         * As {@link java.util.zip.ZipOutputStream} (JDK 17) writes a stored entry whose size and CRC are known and
         * whose time is set to 1980-01-01 00:00 (the tool's {@code .npz} files were written with it): version 1.0, the
         * UTF-8 name flag, no padding, and an extended-timestamp field whose modification time is that local time in
         * the machine's time zone (the JDK adds it for a time it cannot tell from "before 1980"; so these bytes, as
         * before, depend on the time zone).
         */
        PLAIN
    }

    private static final int UTF8_NAMES = 0x800;
    // PLAIN's extended-timestamp extra field: id "UT", 5 data bytes, flag 1 (modification time), the time in seconds.
    private static final short EXTENDED_TIMESTAMP = 0x5455;
    private static final int TIMESTAMP_FIELD = 9;

    private record Written(String name, long offset, long size, long crc) {
    }

    /** Produces an entry's bytes into a channel. */
    @FunctionalInterface
    public interface Body {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private final FileChannel ch;
    private final Style style;
    private final int plainModificationTime;
    private final List<Written> entries = new ArrayList<>();

    /** Writes into {@code ch} from its position; the caller owns and closes the channel. */
    public ZipWriter(FileChannel ch, Style style) {
        this.ch = ch;
        this.style = style;
        this.plainModificationTime = (int) LocalDateTime.of(1980, 1, 1, 0, 0).atZone(ZoneId.systemDefault())
                .toEpochSecond();
    }

    public void add(String name, byte[] data) throws IOException {
        add(name, data.length, out -> {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                out.write(b);
            }
        });
    }

    /** Writes a stored entry of {@code size} bytes; the CRC is computed on the way and patched into the header. */
    public void add(String name, long size, Body body) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 0xffff) {
            throw new IllegalArgumentException("zip entry name longer than 65535 bytes");
        }
        long offset = ch.position();
        boolean zip64 = size >= MAX32;
        int zip64Len = zip64 ? 20 : 0;
        boolean torch = style == Style.TORCH;
        int padField = torch ? 4 : TIMESTAMP_FIELD;
        long headerEnd = offset + 30 + nameBytes.length + zip64Len + padField;
        int pad = torch ? (int) ((ALIGN - headerEnd % ALIGN) % ALIGN) : 0;
        ByteBuffer h = le(30 + nameBytes.length + zip64Len + padField + pad);
        h.putInt(0x04034b50).putShort((short) (zip64 ? 45 : torch ? 20 : 10)).putShort((short) (torch ? 0 : UTF8_NAMES))
                .putShort((short) 0).putShort(DOS_TIME).putShort(DOS_DATE)
                .putInt(0).putInt((int) (zip64 ? MAX32 : size)).putInt((int) (zip64 ? MAX32 : size))
                .putShort((short) nameBytes.length).putShort((short) (zip64Len + padField + pad)).put(nameBytes);
        if (zip64) {
            h.putShort((short) 1).putShort((short) 16).putLong(size).putLong(size);
        }
        if (torch) {
            h.putShort((short) 0x4246).putShort((short) pad).put(new byte[pad]); // torch's "FB" padding field
        } else {
            putTimestamp(h);
        }
        write(h.flip(), offset);
        ch.position(offset + h.limit());
        CrcChannel crcOut = new CrcChannel(ch);
        body.writeTo(crcOut);
        if (crcOut.count != size) {
            throw new IOException("zip entry " + name + " wrote " + crcOut.count + " bytes, expected " + size);
        }
        long end = ch.position();
        write(le(4).putInt((int) crcOut.crc.getValue()).flip(), offset + 14);
        ch.position(end);
        entries.add(new Written(name, offset, size, crcOut.crc.getValue()));
    }

    public void finish() throws IOException {
        finish("");
    }

    /** Writes the central directory and the end record, with {@code comment} (ASCII, readers ignore it) in it. */
    public void finish(String comment) throws IOException {
        byte[] commentBytes = comment.getBytes(StandardCharsets.US_ASCII);
        if (commentBytes.length > 0xffff) {
            throw new IllegalArgumentException("zip comment longer than 65535 bytes");
        }
        boolean torch = style == Style.TORCH;
        long cdStart = ch.position();
        for (Written e : entries) {
            byte[] nameBytes = e.name().getBytes(StandardCharsets.UTF_8);
            boolean bigSize = e.size() >= MAX32;
            boolean bigOffset = e.offset() >= MAX32;
            int zip64Extra = (bigSize || bigOffset) ? 4 + (bigSize ? 16 : 0) + (bigOffset ? 8 : 0) : 0;
            int extra = zip64Extra + (torch ? 0 : TIMESTAMP_FIELD);
            short madeBy = (short) (torch || zip64Extra > 0 ? 45 : 10);
            short needed = (short) (zip64Extra > 0 ? 45 : torch ? 20 : 10);
            ByteBuffer c = le(46 + nameBytes.length + extra);
            c.putInt(0x02014b50).putShort(madeBy).putShort(needed).putShort((short) (torch ? 0 : UTF8_NAMES))
                    .putShort((short) 0).putShort(DOS_TIME).putShort(DOS_DATE).putInt((int) e.crc())
                    .putInt((int) (bigSize ? MAX32 : e.size())).putInt((int) (bigSize ? MAX32 : e.size()))
                    .putShort((short) nameBytes.length).putShort((short) extra).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) (bigOffset ? MAX32 : e.offset()))
                    .put(nameBytes);
            if (zip64Extra > 0) {
                c.putShort((short) 1).putShort((short) (zip64Extra - 4));
                if (bigSize) {
                    c.putLong(e.size()).putLong(e.size());
                }
                if (bigOffset) {
                    c.putLong(e.offset());
                }
            }
            if (!torch) {
                putTimestamp(c);
            }
            append(c.flip());
        }
        long cdEnd = ch.position();
        long cdSize = cdEnd - cdStart;
        boolean manyEntries = entries.size() >= 0xffff;
        boolean zip64 = manyEntries || cdStart >= MAX32 || cdSize >= MAX32;
        if (zip64) {
            append(le(56).putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(entries.size()).putLong(entries.size()).putLong(cdSize).putLong(cdStart).flip());
            append(le(20).putInt(0x07064b50).putInt(0).putLong(cdEnd).putInt(1).flip());
        }
        // torch's files saturate every field of the end record once zip64 is needed; ZipOutputStream only the
        // fields that overflow.
        boolean all = torch && zip64;
        int n = all || manyEntries ? 0xffff : entries.size();
        long size32 = all || cdSize >= MAX32 ? MAX32 : cdSize;
        long start32 = all || cdStart >= MAX32 ? MAX32 : cdStart;
        append(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) n)
                .putShort((short) n).putInt((int) size32).putInt((int) start32)
                .putShort((short) commentBytes.length).flip());
        append(ByteBuffer.wrap(commentBytes));
    }

    private void putTimestamp(ByteBuffer b) {
        b.putShort(EXTENDED_TIMESTAMP).putShort((short) (TIMESTAMP_FIELD - 4)).put((byte) 1)
                .putInt(plainModificationTime);
    }

    private void append(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private void write(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Counts and checksums bytes on their way to the file. */
    private static final class CrcChannel implements WritableByteChannel {
        private final FileChannel target;
        private final CRC32 crc = new CRC32();
        private long count;

        CrcChannel(FileChannel target) {
            this.target = target;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer view = src.duplicate();
            int n = target.write(src);
            view.limit(view.position() + n);
            crc.update(view);
            count += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return target.isOpen();
        }

        @Override
        public void close() {
            // the zip owns the file
        }
    }
}
