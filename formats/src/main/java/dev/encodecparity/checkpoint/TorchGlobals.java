package dev.encodecparity.checkpoint;

import dev.encodecparity.python.PyDict;
import dev.encodecparity.python.PyGlobal;
import dev.encodecparity.python.PyTuple;
import dev.encodecparity.python.PyValues;
import dev.encodecparity.tensor.DType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list: the only names a checkpoint's pickle may import, and what calling them builds. Everything here
 * rebuilds data (tensors, dicts); nothing runs code from the file. Any other name is refused by the unpickler before
 * it is used.
 */
final class TorchGlobals {
    /** Storage classes: never called, only passed in persistent ids to say the element type. */
    private static final Set<String> STORAGE_TYPES = Set.of(
            "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage", "torch.BFloat16Storage",
            "torch.LongStorage", "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage",
            "torch.ByteStorage", "torch.BoolStorage");

    private static final Set<String> CALLABLE = Set.of(
            "collections.OrderedDict",
            "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_tensor",
            "torch._utils._rebuild_parameter",
            "torch._utils._rebuild_parameter_with_state",
            "torch.Size",
            "_codecs.encode");

    private TorchGlobals() {
    }

    static boolean isAllowed(String qualifiedName) {
        return STORAGE_TYPES.contains(qualifiedName) || CALLABLE.contains(qualifiedName);
    }

    /** The dtype a storage class stands for. */
    static DType storageDType(PyGlobal type, ByteReader where) {
        if (!STORAGE_TYPES.contains(type.qualifiedName())) {
            throw where.error("storage type " + type.qualifiedName() + " is not a known torch storage class");
        }
        return DType.fromTorchStorage(type.name()).orElseThrow();
    }

    /** Applies an allowed callable to its arguments (the REDUCE opcode). */
    static Object call(PyGlobal g, PyTuple args, ByteReader where) {
        switch (g.qualifiedName()) {
            case "collections.OrderedDict":
                return orderedDict(args, where);
            case "torch._utils._rebuild_tensor_v2":
            case "torch._utils._rebuild_tensor":
                return rebuildTensor(args, where);
            case "torch._utils._rebuild_parameter":
            case "torch._utils._rebuild_parameter_with_state":
                if (args.isEmpty() || !(args.get(0) instanceof TensorRef)) {
                    throw where.error(g.qualifiedName() + " expects a tensor as its first argument");
                }
                return args.get(0);
            case "torch.Size":
                return args.size() == 1 && args.get(0) instanceof PyTuple ? args.get(0) : args;
            case "_codecs.encode":
                return encode(args, where);
            default:
                throw where.error(g.qualifiedName() + " cannot be called");
        }
    }

    private static PyDict orderedDict(PyTuple args, ByteReader where) {
        PyDict d = new PyDict();
        if (args.isEmpty()) {
            return d;
        }
        if (args.size() == 1 && args.get(0) instanceof Iterable<?> pairs) {
            for (Object p : pairs) {
                if (!(p instanceof java.util.List<?> kv) || kv.size() != 2) {
                    throw where.error("OrderedDict argument is not a list of pairs");
                }
                d.put(kv.get(0), kv.get(1));
            }
            return d;
        }
        throw where.error("OrderedDict called with unexpected arguments");
    }

    private static TensorRef rebuildTensor(PyTuple args, ByteReader where) {
        if (args.size() < 4) {
            throw where.error("_rebuild_tensor needs (storage, offset, size, stride, ...), got " + args.size()
                    + " arguments");
        }
        if (!(args.get(0) instanceof StorageRef storage)) {
            throw where.error("_rebuild_tensor's first argument is not a storage reference");
        }
        long offset = asLong(args.get(1), "storage offset", where);
        long[] shape = asLongs(args.get(2), "size", where);
        long[] stride = asLongs(args.get(3), "stride", where);
        if (shape.length != stride.length) {
            throw where.error("size has " + shape.length + " dimensions but stride has " + stride.length);
        }
        if (args.size() > 5 && args.get(5) instanceof Map<?, ?> hooks && !hooks.isEmpty()) {
            throw where.error("tensor carries backward hooks, which a checkpoint never needs");
        }
        return new TensorRef(storage, offset, shape, stride);
    }

    private static byte[] encode(PyTuple args, ByteReader where) {
        // Python 3 writes bytes in protocol 2 as _codecs.encode(str, "latin1"): pure data.
        if (args.size() == 2 && args.get(0) instanceof String s && args.get(1) instanceof String enc
                && (enc.equals("latin1") || enc.equals("latin-1"))) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw where.error("_codecs.encode is only allowed as (str, 'latin1')");
    }

    static long asLong(Object o, String what, ByteReader where) {
        if (o instanceof Long l) {
            return l;
        }
        throw where.error(what + " is not an integer: " + PyValues.describe(o));
    }

    private static long[] asLongs(Object o, String what, ByteReader where) {
        if (!(o instanceof java.util.List<?> list)) {
            throw where.error(what + " is not a tuple: " + PyValues.describe(o));
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = asLong(list.get(i), what + "[" + i + "]", where);
        }
        return out;
    }
}
