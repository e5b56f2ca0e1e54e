package dev.encodecparity.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A user's input file open for reading ({@link InputFiles#open}), which knows what the file was when it was opened.
 * A read that finds the file shorter than it was (another process truncated or rewrote it meanwhile) is the input's
 * fault, not a damaged file's or the output's: it says so, naming the input. Everything else is the file channel's.
 */
final class InputChannel extends FileChannel {
    private final Path file;
    private final FileChannel in;
    private final BasicFileAttributes atOpen;

    InputChannel(Path file, FileChannel in, BasicFileAttributes atOpen) {
        this.file = file;
        this.in = in;
        this.atOpen = atOpen;
    }

    /**
     * Refuses a file that differs from what was opened: another size, another modification time, or another file now
     * at its path. Readers call it once they have read what they need, before trusting it (a checksum, say).
     */
    void checkUnchanged() {
        long now = currentSize();
        if (now != atOpen.size()) {
            throw changed("was " + atOpen.size() + " bytes, now " + now);
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw changed("it was removed");
        } catch (IOException e) {
            throw changed("it can no longer be read: " + InputFiles.reason(e));
        }
        if (!Objects.equals(a.fileKey(), atOpen.fileKey())) {
            throw changed("another file was put in its place");
        }
        if (!a.lastModifiedTime().equals(atOpen.lastModifiedTime())) {
            throw changed("it was modified after it was opened");
        }
    }

    /** The end of the data came before the end of the file as it was opened: the file was cut meanwhile. */
    private void checkNotCut(long position) {
        if (position < atOpen.size()) {
            long now = currentSize();
            if (now < atOpen.size()) {
                throw changed("was " + atOpen.size() + " bytes, now " + now);
            }
        }
    }

    private BadInputException changed(String how) {
        return new BadInputException(file, "changed while it was being read (" + how + ")");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long at = in.position();
        int n = in.read(dst);
        if (n < 0) {
            checkNotCut(at);
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long at = in.position();
        long n = in.read(dsts, offset, length);
        if (n < 0) {
            checkNotCut(at);
        }
        return n;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int n = in.read(dst, position);
        if (n < 0) {
            checkNotCut(position);
        }
        return n;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        long n;
        try {
            n = in.transferTo(position, count, target);
        } catch (InternalError e) {
            // Where the copy goes through a mapping of the file, a page cut off by a truncation faults.
            checkNotCut(position);
            throw e;
        }
        if (n == 0 && count > 0) {
            checkNotCut(position);
        }
        return n;
    }

    @Override
    public long size() throws IOException {
        return in.size();
    }

    private long currentSize() {
        try {
            return in.size();
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read: " + InputFiles.reason(e), e);
        }
    }

    @Override
    public long position() throws IOException {
        return in.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        in.position(newPosition);
        return this;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return in.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return in.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return in.write(src, position);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        in.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        in.force(metaData);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return in.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return in.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return in.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return in.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        in.close();
    }
}
