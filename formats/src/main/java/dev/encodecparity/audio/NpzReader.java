package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.zip.ZipDirectory;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipException;

/**
 * Reads NumPy {@code .npz} files: zips of {@code <name>.npy} entries, stored ({@code np.savez}) or deflated
 * ({@code np.savez_compressed}).
 *
 * <p>Every entry must be a {@code .npy}; anything else in the zip (a stray file, a directory) is an error rather than
 * something to skip, because a caller who expects arrays from an npz would otherwise silently miss one. Each entry's
 * CRC is checked. The zip itself is read by the one {@link ZipDirectory}; these are only the npz's rules on top.
 */
public final class NpzReader {
    private static final String SUFFIX = ".npy";
    private static final long MAX_DEFLATE_RATIO = 1032;

    private NpzReader() {
    }

    /**
     * The arrays by name (the entry name without {@code .npy}), in the zip's order, which is the order they were
     * written in. The map is unmodifiable.
     */
    public static Map<String, NdArray> read(Path file) {
        return eachEntry(file, (ch, entry, where) -> readEntry(ch, entry, file, where));
    }

    /**
     * The shape each array declares in its header, by name, in the zip's order, without reading any array's data (a
     * deflated entry is inflated only as far as its header): what a caller checks before it commits memory to a
     * file's arrays, since a few kilobytes of deflated zeros can declare hundreds of megabytes.
     */
    public static Map<String, long[]> declaredShapes(Path file) {
        return eachEntry(file, (ch, entry, where) -> {
            try (InputStream in = ZipDirectory.open(ch, entry)) {
                return NpyHeader.read(in, file, where).shape();
            } catch (ZipException | EOFException e) {
                throw new BadInputException(file, where + "corrupt zip data: " + ReadErrors.oneLine(e), e);
            }
        });
    }

    /** What is made of one entry. */
    @FunctionalInterface
    private interface EntryReader<T> {
        T read(FileChannel ch, ZipDirectory.Entry entry, String where) throws IOException;
    }

    /** Every entry, checked to be a {@code .npy} appearing once, made into a {@code T}. */
    private static <T> Map<String, T> eachEntry(Path file, EntryReader<T> reader) {
        try (FileChannel ch = InputFiles.open(file)) { // a missing or unreadable file is refused here, in its words
            List<ZipDirectory.Listed> listed;
            try {
                listed = ZipDirectory.list(file, ch);
            } catch (BadInputException e) {
                throw new BadInputException(file, "not a valid .npz (zip) file: " + e.reason(), e);
            }
            Map<String, T> arrays = new LinkedHashMap<>();
            for (ZipDirectory.Listed entry : listed) {
                if (!entry.nameIsUtf8()) {
                    throw new BadInputException(file, "not a valid .npz (zip) file: an entry name is not valid UTF-8");
                }
                String name = entry.name();
                String where = "entry '" + printable(name) + "': ";
                if (name.endsWith("/") || !name.endsWith(SUFFIX)) {
                    throw new BadInputException(file,
                            where + "not a .npy array; an .npz holds only <name>.npy entries");
                }
                String key = name.substring(0, name.length() - SUFFIX.length());
                if (arrays.containsKey(key)) {
                    throw new BadInputException(file, where + "appears twice");
                }
                arrays.put(key, reader.read(ch, locate(file, ch, entry, where), where));
            }
            return Collections.unmodifiableMap(arrays);
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    /** The entry's place in the file, once the npz's own rule for stored entries and the zip's are met. */
    private static ZipDirectory.Entry locate(Path file, FileChannel ch, ZipDirectory.Listed entry, String where)
            throws IOException {
        if (entry.method() == ZipDirectory.STORED && entry.size() != entry.compressedSize()) {
            throw new BadInputException(file, where + "stored entry with different sizes (" + entry.size() + " and "
                    + entry.compressedSize() + " bytes); the zip is corrupt");
        }
        try {
            return ZipDirectory.locate(file, ch, entry);
        } catch (BadInputException e) {
            throw new BadInputException(file, where + "corrupt zip data: " + e.reason(), e);
        }
    }

    private static NdArray readEntry(FileChannel ch, ZipDirectory.Entry entry, Path file, String where)
            throws IOException {
        try (InputStream raw = ZipDirectory.open(ch, entry)) {
            CheckedInputStream in = new CheckedInputStream(raw, new CRC32());
            // The entry's size comes from the zip's directory: checked against the header, and trusted to allocate
            // only where the entry's bytes on disk could hold it.
            NdArray array = NpyReader.read(in, entry.size(), sizeBoundedByFile(entry, ch.size()), file, where);
            if (in.getChecksum().getValue() != entry.crc()) {
                throw new BadInputException(file, where + "CRC mismatch; the zip is corrupt");
            }
            return array;
        } catch (ZipException | EOFException e) {
            throw new BadInputException(file, where + "corrupt zip data: " + ReadErrors.oneLine(e), e);
        }
    }

    /**
     * Whether the entry's declared size is one its bytes in the file could really hold: a stored entry's size is its
     * length in the file, and deflate expands at most {@value #MAX_DEFLATE_RATIO}:1. Such a size may be allocated at
     * once (at most that multiple of the file); any other is read as it arrives.
     */
    private static boolean sizeBoundedByFile(ZipDirectory.Entry e, long fileSize) {
        long packed = e.compressedSize();
        long limit = e.method() == ZipDirectory.STORED ? packed : MAX_DEFLATE_RATIO * packed + 1024;
        return packed >= 0 && packed <= fileSize && e.size() >= 0 && e.size() <= limit;
    }

    /** An entry name for a one-line message: control and line-separator characters escaped, and shortened. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> b.append(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                ? String.format("\\u%04x", c) : Character.toString(c)));
        return s.codePointCount(0, s.length()) > 80 ? b + "..." : b.toString();
    }
}
