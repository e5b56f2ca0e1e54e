package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads NumPy {@code .npz} files: zips of {@code <name>.npy} entries, stored ({@code np.savez}) or deflated
 * ({@code np.savez_compressed}).
 *
 * <p>Every entry must be a {@code .npy}; anything else in the zip (a stray file, a directory) is an error rather than
 * something to skip, because a caller who expects arrays from an npz would otherwise silently miss one. Each entry's
 * CRC is checked.
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
        return eachEntry(file, (zip, entry, where) -> readEntry(zip, entry, file, where));
    }

    /**
     * The shape each array declares in its header, by name, in the zip's order, without reading any array's data (a
     * deflated entry is inflated only as far as its header): what a caller checks before it commits memory to a
     * file's arrays, since a few kilobytes of deflated zeros can declare hundreds of megabytes.
     */
    public static Map<String, long[]> declaredShapes(Path file) {
        return eachEntry(file, (zip, entry, where) -> {
            try (InputStream in = zip.getInputStream(entry)) {
                return NpyHeader.read(in, file, where).shape();
            } catch (ZipException | EOFException e) {
                throw new BadInputException(file, where + "corrupt zip data: " + ReadErrors.oneLine(e), e);
            }
        });
    }

    /** What is made of one entry. */
    @FunctionalInterface
    private interface EntryReader<T> {
        T read(ZipFile zip, ZipEntry entry, String where) throws IOException;
    }

    /** Every entry, checked to be a {@code .npy} appearing once, made into a {@code T}. */
    private static <T> Map<String, T> eachEntry(Path file, EntryReader<T> reader) {
        ReadErrors.sizeOfReadableFile(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | EOFException e) { // EOF: the zip directory's declared place is past the end
            throw new BadInputException(file, "not a valid .npz (zip) file: " + ReadErrors.oneLine(e), e);
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
        try (zip) {
            Map<String, T> arrays = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = nextEntry(entries, file);
                String name = entry.getName();
                String where = "entry '" + printable(name) + "': ";
                if (entry.isDirectory() || !name.endsWith(SUFFIX)) {
                    throw new BadInputException(file,
                            where + "not a .npy array; an .npz holds only <name>.npy entries");
                }
                String key = name.substring(0, name.length() - SUFFIX.length());
                if (arrays.containsKey(key)) {
                    throw new BadInputException(file, where + "appears twice");
                }
                arrays.put(key, reader.read(zip, entry, where));
            }
            return Collections.unmodifiableMap(arrays);
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    private static ZipEntry nextEntry(Enumeration<? extends ZipEntry> entries, Path file) {
        try {
            return entries.nextElement();
        } catch (IllegalArgumentException e) {
            // ZipFile decodes names lazily and reports a name that is not valid UTF-8 this way.
            throw new BadInputException(file, "not a valid .npz (zip) file: an entry name is not valid UTF-8", e);
        }
    }

    private static NdArray readEntry(ZipFile zip, ZipEntry entry, Path file, String where) {
        if (entry.getMethod() == ZipEntry.STORED && entry.getSize() != entry.getCompressedSize()) {
            throw new BadInputException(file, where + "stored entry with different sizes (" + entry.getSize() + " and "
                    + entry.getCompressedSize() + " bytes); the zip is corrupt");
        }
        try (InputStream raw = zip.getInputStream(entry)) {
            CheckedInputStream in = new CheckedInputStream(raw, new CRC32());
            // The entry's size comes from the zip's directory: checked against the header, and trusted to allocate
            // only where the entry's bytes on disk could hold it.
            NdArray array = NpyReader.read(in, entry.getSize(), sizeBoundedByFile(entry, file.toFile().length()), file,
                    where);
            if (entry.getCrc() != -1 && in.getChecksum().getValue() != entry.getCrc()) {
                throw new BadInputException(file, where + "CRC mismatch; the zip is corrupt");
            }
            return array;
        } catch (ZipException | EOFException e) {
            throw new BadInputException(file, where + "corrupt zip data: " + ReadErrors.oneLine(e), e);
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    /**
     * Whether the entry's declared size is one its bytes in the file could really hold: a stored entry's size is its
     * length in the file, and deflate expands at most {@value #MAX_DEFLATE_RATIO}:1. Such a size may be allocated at
     * once (at most that multiple of the file); any other is read as it arrives.
     */
    private static boolean sizeBoundedByFile(ZipEntry e, long fileSize) {
        long packed = e.getCompressedSize();
        long limit = e.getMethod() == ZipEntry.STORED ? packed : MAX_DEFLATE_RATIO * packed + 1024;
        return packed >= 0 && packed <= fileSize && e.getSize() >= 0 && e.getSize() <= limit;
    }

    /** An entry name for a one-line message: control and line-separator characters escaped, and shortened. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> b.append(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                ? String.format("\\u%04x", c) : Character.toString(c)));
        return s.codePointCount(0, s.length()) > 80 ? b + "..." : b.toString();
    }
}
