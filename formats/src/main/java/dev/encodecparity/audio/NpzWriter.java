package dev.encodecparity.audio;

import dev.encodecparity.zip.ZipWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code .npz} files as {@code np.savez} does: one stored (uncompressed) {@code <name>.npy} entry per array, in
 * the map's iteration order, through the one {@link ZipWriter} in its {@link ZipWriter.Style#PLAIN} style. Entries
 * carry a fixed timestamp, so the same arrays always give the same bytes.
 */
public final class NpzWriter {
    private static final int BUFFER_BYTES = 1 << 16;

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
        FileOutput.writeChannel(file, channel -> {
            ZipWriter zip = new ZipWriter(channel, ZipWriter.Style.PLAIN);
            for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
                NdArray array = e.getValue();
                // The size is known from the header and the shape, so each array is encoded once, straight out.
                zip.add(e.getKey() + ".npy", NpyWriter.byteCount(array), out -> {
                    OutputStream entry = new BufferedOutputStream(Channels.newOutputStream(out), BUFFER_BYTES);
                    NpyWriter.write(entry, array);
                    entry.flush(); // not close(): the channel belongs to the zip
                });
            }
            zip.finish();
        });
    }
}
