package dev.encodecparity.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A minimal zip writer for torch archives: stored (uncompressed) entries whose data starts on a 64-byte boundary, as
 * torch writes them, so a reader can map tensors in place. Uses zip64 records only when sizes or offsets need them.
 */
final class ZipWriter {
    private static final int ALIGN = 64;
    private static final long MAX32 = 0xffffffffL;

    private record Written(String name, long offset, long size, long crc) {
    }

    /** Produces an entry's bytes into a channel. */
    @FunctionalInterface
    interface Body {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private final FileChannel ch;
    private final List<Written> entries = new ArrayList<>();

    ZipWriter(FileChannel ch) {
        this.ch = ch;
    }

    void add(String name, byte[] data) throws IOException {
        add(name, data.length, out -> {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                out.write(b);
            }
        });
    }

    /** Writes a stored entry of {@code size} bytes; the CRC is computed on the way and patched into the header. */
    void add(String name, long size, Body body) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long offset = ch.position();
        boolean zip64 = size >= MAX32;
        int zip64Len = zip64 ? 20 : 0;
        long headerEnd = offset + 30 + nameBytes.length + zip64Len + 4;
        int pad = (int) ((ALIGN - headerEnd % ALIGN) % ALIGN);
        ByteBuffer h = le(30 + nameBytes.length + zip64Len + 4 + pad);
        h.putInt(0x04034b50).putShort((short) (zip64 ? 45 : 20)).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0x21) // 1980-01-01: fixed, so outputs are reproducible
                .putInt(0).putInt((int) (zip64 ? MAX32 : size)).putInt((int) (zip64 ? MAX32 : size))
                .putShort((short) nameBytes.length).putShort((short) (zip64Len + 4 + pad)).put(nameBytes);
        if (zip64) {
            h.putShort((short) 1).putShort((short) 16).putLong(size).putLong(size);
        }
        h.putShort((short) 0x4246).putShort((short) pad).put(new byte[pad]); // torch's "FB" padding field
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

    void finish() throws IOException {
        finish("");
    }

    /** Writes the central directory and the end record, with {@code comment} (ASCII, readers ignore it) in it. */
    void finish(String comment) throws IOException {
        byte[] commentBytes = comment.getBytes(StandardCharsets.US_ASCII);
        if (commentBytes.length > 0xffff) {
            throw new IllegalArgumentException("zip comment longer than 65535 bytes");
        }
        long cdStart = ch.position();
        for (Written e : entries) {
            byte[] nameBytes = e.name().getBytes(StandardCharsets.UTF_8);
            boolean bigSize = e.size() >= MAX32;
            boolean bigOffset = e.offset() >= MAX32;
            int extra = (bigSize || bigOffset) ? 4 + (bigSize ? 16 : 0) + (bigOffset ? 8 : 0) : 0;
            ByteBuffer c = le(46 + nameBytes.length + extra);
            c.putInt(0x02014b50).putShort((short) 45).putShort((short) (extra > 0 ? 45 : 20)).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc())
                    .putInt((int) (bigSize ? MAX32 : e.size())).putInt((int) (bigSize ? MAX32 : e.size()))
                    .putShort((short) nameBytes.length).putShort((short) extra).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) (bigOffset ? MAX32 : e.offset()))
                    .put(nameBytes);
            if (extra > 0) {
                c.putShort((short) 1).putShort((short) (extra - 4));
                if (bigSize) {
                    c.putLong(e.size()).putLong(e.size());
                }
                if (bigOffset) {
                    c.putLong(e.offset());
                }
            }
            append(c.flip());
        }
        long cdEnd = ch.position();
        long cdSize = cdEnd - cdStart;
        boolean zip64 = entries.size() >= 0xffff || cdStart >= MAX32 || cdSize >= MAX32;
        if (zip64) {
            append(le(56).putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(entries.size()).putLong(entries.size()).putLong(cdSize).putLong(cdStart).flip());
            append(le(20).putInt(0x07064b50).putInt(0).putLong(cdEnd).putInt(1).flip());
        }
        int n = zip64 ? 0xffff : entries.size();
        append(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) n)
                .putShort((short) n).putInt((int) (zip64 ? MAX32 : cdSize)).putInt((int) (zip64 ? MAX32 : cdStart))
                .putShort((short) commentBytes.length).flip());
        append(ByteBuffer.wrap(commentBytes));
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
