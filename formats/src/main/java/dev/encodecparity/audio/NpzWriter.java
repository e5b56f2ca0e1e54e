package dev.encodecparity.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code .npz} files as {@code np.savez} does: one stored (uncompressed) {@code <name>.npy} entry per array, in
 * the map's iteration order. Entries carry a fixed timestamp, so the same arrays always give the same bytes.
 */
public final class NpzWriter {
    // The earliest time a zip can hold; any fixed time would do, this one says "no real time" plainly.
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private NpzWriter() {
    }

    /**
     * Writes the arrays to {@code file} (see {@link FileOutput}: in place, nothing left when it fails). Use a
     * {@link java.util.LinkedHashMap} to choose the order.
     *
     * @throws IllegalArgumentException when a name is empty
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Map<String, NdArray> arrays) throws IOException {
        for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("npz entries need a non-empty name and an array: " + e);
            }
        }
        FileOutput.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
                writeEntry(zip, e.getKey() + ".npy", e.getValue());
            }
            zip.finish(); // not close(): the stream belongs to FileOutput
        });
    }

    private static void writeEntry(ZipOutputStream zip, String name, NdArray array) throws IOException {
        // A stored entry needs its size and CRC before its data: encode once to measure, once to write, rather than
        // hold a second copy of a large array.
        CRC32 crc = new CRC32();
        CountingStream counter = new CountingStream();
        NpyWriter.write(new CheckedOutputStream(counter, crc), array);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(counter.count);
        entry.setCompressedSize(counter.count);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        NpyWriter.write(zip, array);
        zip.closeEntry();
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
