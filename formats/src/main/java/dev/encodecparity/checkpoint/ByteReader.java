package dev.encodecparity.checkpoint;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Sequential reads from a byte buffer or a file, with every length checked against what is really left: a declared
 * size can never make us allocate more than the input holds.
 */
final class ByteReader {
    private static final int WINDOW = 1 << 16;

    private final Path file;
    private final FileChannel channel; // null when reading from memory
    private final long end;
    private ByteBuffer window;
    private long windowStart;

    private ByteReader(Path file, FileChannel channel, ByteBuffer memory, long start, long end) {
        this.file = file;
        this.channel = channel;
        this.end = end;
        this.window = memory != null ? memory.duplicate().order(ByteOrder.LITTLE_ENDIAN) : ByteBuffer.allocate(0);
        this.windowStart = start;
    }

    static ByteReader of(Path file, ByteBuffer bytes) {
        return new ByteReader(file, null, bytes, 0, bytes.remaining());
    }

    static ByteReader of(Path file, FileChannel channel, long start) throws IOException {
        return new ByteReader(file, channel, null, start, channel.size());
    }

    Path file() {
        return file;
    }

    long position() {
        return windowStart + window.position();
    }

    long remaining() {
        return end - position();
    }

    int u8() {
        require(1);
        return window.get() & 0xff;
    }

    int u16() {
        require(2);
        return window.getShort() & 0xffff;
    }

    long u32() {
        require(4);
        return window.getInt() & 0xffffffffL;
    }

    int s32() {
        require(4);
        return window.getInt();
    }

    long s64() {
        require(8);
        return window.getLong();
    }

    double f64BigEndian() {
        require(8);
        return Double.longBitsToDouble(Long.reverseBytes(window.getLong()));
    }

    /** Reads n bytes; n is checked against the bytes left before anything is allocated. */
    byte[] bytes(long n) {
        if (n < 0 || n > remaining()) {
            throw error("declares " + n + " bytes but only " + remaining() + " are left");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw error("a single value of " + n + " bytes is too large");
        }
        byte[] out = new byte[(int) n];
        int done = 0;
        while (done < out.length) {
            if (!window.hasRemaining()) {
                refill();
            }
            int k = Math.min(window.remaining(), out.length - done);
            window.get(out, done, k);
            done += k;
        }
        return out;
    }

    /** Reads up to and excluding the next newline (protocol 0 text arguments), at most 1 MiB. */
    String line() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = u8();
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() > (1 << 20)) {
                throw error("text argument longer than 1 MiB");
            }
            sb.append((char) c);
        }
    }

    void skip(long n) {
        if (n < 0 || n > remaining()) {
            throw error("cannot skip " + n + " bytes, only " + remaining() + " are left");
        }
        long target = position() + n;
        if (target <= windowStart + window.limit()) {
            window.position((int) (target - windowStart));
        } else {
            windowStart = target;
            window = ByteBuffer.allocate(0);
        }
    }

    BadInputException error(String reason) {
        return new BadInputException(file, "at byte " + position() + ": " + reason);
    }

    private void require(int n) {
        if (window.remaining() >= n) {
            return;
        }
        if (remaining() < n) {
            throw error("unexpected end of data (truncated file?)");
        }
        refill();
    }

    private void refill() {
        if (channel == null) {
            throw error("unexpected end of data (truncated file?)");
        }
        long pos = position();
        int size = (int) Math.min(WINDOW, end - pos);
        ByteBuffer next = ByteBuffer.allocate(Math.max(size, 0)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (next.hasRemaining()) {
                if (channel.read(next, pos + next.position()) < 0) {
                    throw error("unexpected end of file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        next.flip();
        window = next;
        windowStart = pos;
    }
}
