package dev.encodecparity.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torch archives that are zips but not checkpoints, legacy files that are pickles but not checkpoints, and
 * checkpoints whose top-level object holds no state dict: each refused with a message saying what is wrong.
 */
class ContainerRefusalTest {
    private static final byte[] EMPTY_DICT = {(byte) 0x80, 2, '}', '.'};

    @TempDir
    Path tmp;

    @Test
    void zipsThatAreNotTorchArchives() throws IOException {
        refused(zip("a.th", "notes.txt", "hello".getBytes(StandardCharsets.US_ASCII)),
                "zip archive without <root>/data.pkl: not a torch checkpoint");
        refused(zip("b.th", "x/data.pkl", EMPTY_DICT, "y/data.pkl", EMPTY_DICT), "zip holds two torch archives");
        refused(zip("c.th", "x/data.pkl", EMPTY_DICT, "x/byteorder", "middle".getBytes(StandardCharsets.US_ASCII)),
                "x/byteorder says 'middle', expected little or big");
        refused(zip("d.th", "x/data.pkl", new byte[] {(byte) 0x80, 2, '}', '.', 'N'}),
                "data.pkl has 1 bytes after its STOP opcode");
    }

    @Test
    void storagesMustBePresentAndStored() throws IOException {
        Path tiny = TestData.path("checkpoints/tiny_24khz.th");
        refused(rezip(tiny, "missing.th", name -> !name.equals("tiny_24khz/data/0"), false),
                "named in data.pkl has no entry tiny_24khz/data/0");
        refused(rezip(tiny, "deflated.th", name -> true, true), "is compressed; torch stores them uncompressed");
    }

    @Test
    void topLevelObjectsWithoutAStateDict() throws IOException {
        refused(zip("list.th", "x/data.pkl", new byte[] {(byte) 0x80, 2, ']', '.'}), "holds a list of 0, not a"
                + " dict of tensors");
        // Values are named as Python names them, not by the Java classes that hold them.
        refused(zip("tuple.th", "x/data.pkl", pickle("K\1\u0085.")), "holds a tuple of 1, not a dict of tensors");
        refused(zip("int.th", "x/data.pkl", pickle("\u008a\u0009\1\1\1\1\1\1\1\1\1.")),
                "holds an int, not a dict of tensors"); // a 9-byte LONG1: wider than 64 bits
        refused(zip("empty.th", "x/data.pkl", EMPTY_DICT), "holds an empty dict: no tensors");
        // {"best_state": {"a": 1}}
        refused(zip("bs.th", "x/data.pkl", pickle("}(X\n\0\0\0best_state}(X\1\0\0\0aK\1uu.")),
                "best_state is not a dict of tensors");
        // {"a": 1}
        refused(zip("ints.th", "x/data.pkl", pickle("}(X\1\0\0\0aK\1u.")), "no state dict found");
    }

    /**
     * {'weight': a view of shape [2^28] with stride 0 over a 4-element storage}, pickled by make_checkpoints.py's
     * fake_pickle: torch loads such an expanded view, but reading it would take 1 GiB from a 4-float file.
     */
    private static final String EXPANDED_VIEW_PICKLE = "80027d71005806000000776569676874710163746f7263682e5f7574696c73"
            + "0a5f72656275696c645f74656e736f725f76320a71022828580700000073746f72616765710363746f7263680a466c6f61745374"
            + "6f726167650a71045801000000307105580300000063707571064b04747107514b004a000000108571084b008571098963636f6c"
            + "6c656374696f6e730a4f726465726564446963740a710a2952710b74710c52710d732e";

    @Test
    void expandedViewsAreRefused() throws IOException {
        byte[] pickle = java.util.HexFormat.of().parseHex(EXPANDED_VIEW_PICKLE);
        refused(zip("expanded.th", "x/data.pkl", pickle, "x/data/0", new byte[16]),
                "tensor weight of shape [268435456] has more elements than its storage x/data/0 (4): an expanded view");
    }

    @Test
    void picklesThatAreNotLegacyCheckpoints() throws IOException {
        Path notMagic = Files.write(tmp.resolve("five.th"), new byte[] {(byte) 0x80, 2, 'K', 5, '.'});
        refused(notMagic, "a pickle, but not a torch checkpoint (no torch magic number)");
        // The magic number 0x1950a86a20f9469cfc6c as LONG1, then protocol 1000.
        byte[] magic = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
            (byte) 0xa8, 0x50, 0x19, '.'};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(magic);
        b.write(new byte[] {(byte) 0x80, 2, 'M', (byte) 0xe8, 0x03, '.'});
        refused(Files.write(tmp.resolve("proto.th"), b.toByteArray()),
                "legacy torch protocol version 1000, expected 1001");
    }

    private void refused(Path file, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.open(file).close());
        assertTrue(e.getMessage().startsWith(file + ": ") || e.getMessage().startsWith(file.toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] pickle(String body) {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[b.length + 2];
        out[0] = (byte) 0x80;
        out[1] = 2;
        System.arraycopy(b, 0, out, 2, b.length);
        return out;
    }

    /** A zip of stored entries: name, bytes, name, bytes, ... */
    private Path zip(String file, Object... entries) throws IOException {
        Path p = tmp.resolve(file);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            for (int i = 0; i < entries.length; i += 2) {
                put(z, (String) entries[i], (byte[]) entries[i + 1], false);
            }
        }
        return p;
    }

    /** The entries of {@code source} that {@code keep} accepts, stored (or all deflated). */
    private Path rezip(Path source, String file, Predicate<String> keep, boolean deflate) throws IOException {
        Path p = tmp.resolve(file);
        try (ZipFile in = new ZipFile(source.toFile()); OutputStream os = Files.newOutputStream(p);
                ZipOutputStream z = new ZipOutputStream(os)) {
            for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (keep.test(e.getName())) {
                    put(z, e.getName(), in.getInputStream(e).readAllBytes(), deflate);
                }
            }
        }
        return p;
    }

    private static void put(ZipOutputStream z, String name, byte[] data, boolean deflate) throws IOException {
        ZipEntry e = new ZipEntry(name);
        if (!deflate) {
            CRC32 crc = new CRC32();
            crc.update(data);
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            e.setCompressedSize(data.length);
            e.setCrc(crc.getValue());
        }
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }
}
