package dev.encodecparity.zip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * An entry's bytes as a stream, read from the file as they are needed: a stored entry's region as it is, a deflated
 * one inflated on the way. Neither checks the CRC or the declared size; the caller, who knows what it expects, does.
 */
final class EntryStreams {
    private static final int BUFFER = 1 << 16;

    private EntryStreams() {
    }

    static InputStream open(FileChannel ch, ZipDirectory.Entry e) {
        if (e.method() == ZipDirectory.STORED) {
            return new Region(ch, e.dataOffset(), e.compressedSize(), false);
        }
        // A raw deflate stream, given one extra zero byte at its end as java.util.zip.ZipFile gives it, since
        // the inflater may ask for input past the last compressed byte before it reports the end.
        Inflater inflater = new Inflater(true);
        return new InflaterInputStream(new Region(ch, e.dataOffset(), e.compressedSize(), true), inflater, BUFFER) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    inflater.end(); // an Inflater handed in is not ended by InflaterInputStream itself
                    super.close();
                }
            }
        };
    }

    /** The bytes from {@code start} for {@code length}, read by position so that nothing else moves. */
    private static final class Region extends InputStream {
        private final FileChannel ch;
        private final long end;
        private long position;
        private boolean dummyByte;

        Region(FileChannel ch, long start, long length, boolean dummyByte) {
            this.ch = ch;
            this.position = start;
            this.end = start + length;
            this.dummyByte = dummyByte;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                if (dummyByte) {
                    dummyByte = false;
                    b[off] = 0;
                    return 1;
                }
                return -1;
            }
            ByteBuffer buf = ByteBuffer.wrap(b, off, (int) Math.min(len, end - position));
            int n = ch.read(buf, position);
            if (n < 0) {
                throw new java.io.EOFException("the file ends inside a zip entry");
            }
            position += n;
            return n;
        }
    }
}
