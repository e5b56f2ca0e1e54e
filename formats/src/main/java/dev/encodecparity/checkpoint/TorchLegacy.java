package dev.encodecparity.checkpoint;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.python.PyGlobal;
import dev.encodecparity.python.PyTuple;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The format torch wrote before 1.6 (and still writes with {@code _use_new_zipfile_serialization=False}): a row of
 * pickles (magic number, protocol version, system info, the object, the list of storage keys) followed by each storage
 * as an int64 element count and its raw bytes, in the order of that list.
 */
final class TorchLegacy {
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private TorchLegacy() {
    }

    static RawCheckpoint read(Path file, FileChannel ch) throws IOException {
        return read(file, ch, PickleBudget.forFile(ch.size()));
    }

    /** Reads with a given budget, one for the file's five pickles (its own, unless a test measures what it needs). */
    static RawCheckpoint read(Path file, FileChannel ch, PickleBudget budget) throws IOException {
        ByteReader in = ByteReader.of(file, ch, 0);
        Object magic = Unpickler.load(in, budget, pid -> {
            throw in.error("unexpected persistent id");
        });
        if (!MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)) {
            throw new BadInputException(file, "a pickle, but not a torch checkpoint (no torch magic number)");
        }
        Object protocol = Unpickler.load(in, budget, pid -> {
            throw in.error("unexpected persistent id");
        });
        if (!Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw new BadInputException(file, "legacy torch protocol version " + protocol + ", expected 1001");
        }
        Object sysInfo = Unpickler.load(in, budget, pid -> {
            throw in.error("unexpected persistent id");
        });
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
            order = ByteOrder.BIG_ENDIAN;
        }
        Map<String, StorageRef> roots = new LinkedHashMap<>();
        Map<String, StorageRef> views = new HashMap<>();
        Object value = Unpickler.load(in, budget, pid -> storage(pid, roots, views, in));
        Object keys = Unpickler.load(in, budget, pid -> {
            throw in.error("unexpected persistent id");
        });
        if (!(keys instanceof List<?> keyList)) {
            throw new BadInputException(file, "legacy checkpoint's storage key list is missing");
        }
        Map<String, RawCheckpoint.Region> regions = new HashMap<>();
        for (Object k : keyList) {
            if (!(k instanceof String key)) {
                throw in.error("storage key is not a string");
            }
            long numel = order == ByteOrder.LITTLE_ENDIAN ? in.s64() : Long.reverseBytes(in.s64());
            StorageRef ref = roots.get(key);
            if (ref == null) {
                throw in.error("storage " + key + " is in the key list but no tensor uses it");
            }
            long bytes;
            try {
                bytes = Math.multiplyExact(numel, ref.dtype().size());
            } catch (ArithmeticException e) {
                bytes = -1;
            }
            if (numel < 0 || bytes < 0 || bytes > in.remaining()) {
                throw in.error("storage " + key + " declares " + numel + " elements (" + ref.dtype().size()
                        + " bytes each) but only " + in.remaining() + " bytes are left in the file");
            }
            regions.put(key, new RawCheckpoint.Region(in.position(), bytes, "storage " + key));
            in.skip(bytes);
        }
        for (String key : roots.keySet()) {
            if (!regions.containsKey(key)) {
                throw new BadInputException(file, "storage " + key + " is used by a tensor but has no data");
            }
        }
        // A legacy view is a window of its root storage: give it its own region inside the root's.
        for (Map.Entry<String, StorageRef> v : views.entrySet()) {
            StorageRef view = v.getValue();
            RawCheckpoint.Region root = regions.get(view.key());
            long start = view.viewOffset() * view.dtype().size();
            long len = view.declaredNumel() * view.dtype().size();
            if (view.viewOffset() < 0 || start + len > root.length()) {
                throw new BadInputException(file, "storage view " + v.getKey() + " lies outside storage " + view.key());
            }
            regions.put(v.getKey(), new RawCheckpoint.Region(root.offset() + start, len, "view " + v.getKey()));
        }
        if (in.remaining() != 0) {
            throw new BadInputException(file, in.remaining() + " unexpected bytes after the last storage");
        }
        // Legacy files carry no checksums.
        return new RawCheckpoint(value, regions, order, "legacy torch file (pre-1.6 format)", List.of());
    }

    /** persistent id: ('storage', storage_type, root_key, location, numel, view_metadata). */
    private static StorageRef storage(PyTuple pid, Map<String, StorageRef> roots, Map<String, StorageRef> views,
            ByteReader in) {
        if (pid.size() != 6 || !"storage".equals(pid.get(0)) || !(pid.get(1) instanceof PyGlobal type)
                || !(pid.get(2) instanceof String key)) {
            throw in.error("persistent id is not ('storage', type, key, location, numel, view)");
        }
        long numel = TorchGlobals.asLong(pid.get(4), "storage size", in);
        StorageRef root = new StorageRef(TorchGlobals.storageDType(type, in), key, numel, 0);
        StorageRef before = roots.putIfAbsent(key, root);
        if (before != null && !before.equals(root)) {
            throw in.error("storage " + key + " is declared twice with different types or sizes");
        }
        Object view = pid.get(5);
        if (view == null) {
            return root;
        }
        if (!(view instanceof PyTuple v) || v.size() != 3 || !(v.get(0) instanceof String viewKey)) {
            throw in.error("malformed storage view metadata");
        }
        long viewOffset = TorchGlobals.asLong(v.get(1), "view offset", in);
        long viewSize = TorchGlobals.asLong(v.get(2), "view size", in);
        StorageRef ref = new StorageRef(root.dtype(), key, viewSize, viewOffset);
        // The view is looked up by its own key; its region is cut from the root's once all regions are known.
        views.put(viewKey, ref);
        return new StorageRef(root.dtype(), viewKey, viewSize, 0);
    }
}
