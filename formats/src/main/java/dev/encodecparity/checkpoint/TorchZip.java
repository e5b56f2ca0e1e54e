package dev.encodecparity.checkpoint;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.python.PyGlobal;
import dev.encodecparity.python.PyTuple;
import dev.encodecparity.zip.ZipDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The zip format torch has written since 1.6: {@code <root>/data.pkl} (the pickle), {@code <root>/data/<key>} (one
 * stored entry per storage), {@code <root>/byteorder}. The root folder may have any name.
 */
final class TorchZip {
    /**
     * data.pkl may inflate to at most {@link #PICKLE_FLOOR} plus {@link #PICKLE_PER_FILE_BYTE} bytes per byte of the
     * file on disk, and never more than {@link #MAX_PICKLE_BYTES}. torch stores data.pkl uncompressed, and a state
     * dict's pickle is smaller than the zip entries of its tensors (measured: 120 bytes per tensor, against at least
     * 110 bytes of the two headers of its storage's entry, before any data), so no real file comes near it, and the
     * floor alone holds the pickle of 8,000 tensors. Without it, deflate's 1000:1 lets a file of 200 kB hold 200 MB
     * of opcodes.
     */
    private static final int PICKLE_FLOOR = 1 << 20;
    private static final int PICKLE_PER_FILE_BYTE = 2;
    private static final int MAX_PICKLE_BYTES = 256 << 20;

    private TorchZip() {
    }

    static RawCheckpoint read(Path file, FileChannel ch) throws IOException {
        return read(file, ch, PickleBudget.forFile(ch.size()));
    }

    /** Reads with a given budget (the file's own, unless a test measures what the file needs). */
    static RawCheckpoint read(Path file, FileChannel ch, PickleBudget budget) throws IOException {
        ZipDirectory zip = ZipDirectory.read(file, ch);
        String root = null;
        for (String name : zip.entries().keySet()) {
            if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                if (root != null) {
                    throw new BadInputException(file, "zip holds two torch archives (" + root + "/ and " + name + ")");
                }
                root = name.substring(0, name.length() - "/data.pkl".length());
            }
        }
        if (root == null) {
            throw new BadInputException(file, "zip archive without <root>/data.pkl: not a torch checkpoint");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        ZipDirectory.Entry bo = zip.entries().get(root + "/byteorder");
        if (bo != null) {
            String s = new String(zip.readSmall(bo, 64), StandardCharsets.US_ASCII).trim();
            if (s.equals("big")) {
                order = ByteOrder.BIG_ENDIAN;
            } else if (!s.equals("little")) {
                throw new BadInputException(file, root + "/byteorder says '" + s + "', expected little or big");
            }
        }
        byte[] pickle = readPickle(file, zip, zip.entries().get(root + "/data.pkl"), ch.size());
        String prefix = root + "/data/";
        Map<String, StorageRef> seen = new HashMap<>();
        ByteReader in = ByteReader.of(file, ByteBuffer.wrap(pickle));
        // The budget is the file's on disk, not the inflated pickle's: deflate cannot multiply it.
        Object value = Unpickler.load(in, budget, pid -> storage(pid, seen, in));
        if (in.remaining() != 0) {
            throw new BadInputException(file, "data.pkl has " + in.remaining() + " bytes after its STOP opcode");
        }
        Map<String, RawCheckpoint.Region> regions = new HashMap<>();
        List<RawCheckpoint.Checksum> checksums = new ArrayList<>();
        for (StorageRef s : seen.values()) {
            ZipDirectory.Entry e = zip.entries().get(prefix + s.key());
            if (e == null) {
                throw new BadInputException(file, "storage " + s.key() + " named in data.pkl has no entry " + prefix
                        + s.key());
            }
            if (e.method() != ZipDirectory.STORED) {
                throw new BadInputException(file, "storage entry " + e.name() + " is compressed; torch stores them"
                        + " uncompressed (was the file re-zipped?)");
            }
            regions.put(s.key(), new RawCheckpoint.Region(e.dataOffset(), e.size(), e.name()));
            checksums.add(new RawCheckpoint.Checksum(e.name(), e.dataOffset(), e.size(), e.crc()));
        }
        checksums.sort(java.util.Comparator.comparingLong(RawCheckpoint.Checksum::offset));
        return new RawCheckpoint(value, regions, order, "torch zip archive (root '" + root + "')", checksums);
    }

    /** data.pkl, inflated if need be, once its declared size is known to fit the file it came in. */
    private static byte[] readPickle(Path file, ZipDirectory zip, ZipDirectory.Entry pkl, long fileSize)
            throws IOException {
        long limit = Math.min(MAX_PICKLE_BYTES, PICKLE_FLOOR + PICKLE_PER_FILE_BYTE * fileSize);
        if (pkl.size() > limit) {
            throw new BadInputException(file, "zip entry " + pkl.name() + " inflates to " + pkl.size() + " bytes; a"
                    + " pickle may be at most 1 MiB plus " + PICKLE_PER_FILE_BYTE + " times the size of its file, and"
                    + " 256 MiB (here " + limit + " bytes)");
        }
        return zip.readSmall(pkl, (int) limit);
    }

    /** persistent id: ('storage', storage_type, key, location, numel). */
    private static StorageRef storage(PyTuple pid, Map<String, StorageRef> seen, ByteReader in) {
        if (pid.size() != 5 || !"storage".equals(pid.get(0)) || !(pid.get(1) instanceof PyGlobal type)
                || !(pid.get(2) instanceof String key)) {
            throw in.error("persistent id is not ('storage', type, key, location, numel)");
        }
        long numel = TorchGlobals.asLong(pid.get(4), "storage size", in);
        StorageRef ref = new StorageRef(TorchGlobals.storageDType(type, in), key, numel, 0);
        StorageRef before = seen.putIfAbsent(key, ref);
        if (before != null && !before.equals(ref)) {
            throw in.error("storage " + key + " is declared twice with different types or sizes");
        }
        return before != null ? before : ref;
    }

    static boolean looksLikeZip(ByteBuffer head) {
        return head.remaining() >= 4 && head.getInt(0) == 0x04034b50;
    }

}
