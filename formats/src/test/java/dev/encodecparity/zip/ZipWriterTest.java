package dev.encodecparity.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain style is byte for byte what {@link ZipOutputStream} writes for stored entries with a fixed time (how the
 * tool's .npz files were written before it had one zip writer); the torch style aligns each entry's data to 64 bytes.
 */
class ZipWriterTest {
    @TempDir
    Path tmp;

    @Test
    void thePlainStyleIsWhatZipOutputStreamWrites() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Random r = new Random(7);
        for (int size : new int[] {0, 1, 127, 128, 70_000}) {
            byte[] b = new byte[size];
            r.nextBytes(b);
            entries.put("a" + size + ".npy", b);
        }
        entries.put("n\u00e4me \u00fcber.npy", "x".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(byJavaUtilZip(entries), byZipWriter(entries, ZipWriter.Style.PLAIN));
        assertArrayEquals(byJavaUtilZip(Map.of()), byZipWriter(Map.of(), ZipWriter.Style.PLAIN));
    }

    @Test
    void theTorchStyleStartsEveryEntrysDataOn64Bytes() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", new byte[] {1, 2, 3});
        entries.put("archive/data/0", new byte[100]);
        entries.put("archive/data/1", new byte[] {9});
        Path f = Files.write(tmp.resolve("t.zip"), byZipWriter(entries, ZipWriter.Style.TORCH));
        try (FileChannel ch = FileChannel.open(f); ZipFile jdk = new ZipFile(f.toFile())) {
            ZipDirectory d = ZipDirectory.read(f, ch);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                assertEquals(0, d.entries().get(e.getKey()).dataOffset() % 64, e.getKey());
                assertArrayEquals(e.getValue(), d.readSmall(d.entries().get(e.getKey()), 1000));
                assertArrayEquals(e.getValue(), jdk.getInputStream(jdk.getEntry(e.getKey())).readAllBytes());
            }
        }
    }

    private byte[] byZipWriter(Map<String, byte[]> entries, ZipWriter.Style style) throws IOException {
        Path f = tmp.resolve("ours-" + style + entries.size() + ".zip");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(ch, style);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.add(e.getKey(), e.getValue());
            }
            zip.finish();
        }
        return Files.readAllBytes(f);
    }

    /** What NpzWriter did before: ZipOutputStream, stored entries, size and CRC set first, 1980-01-01. */
    private static byte[] byJavaUtilZip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
