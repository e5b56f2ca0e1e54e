package dev.encodecparity.checkpoint;

import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.Shapes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the one pickle a torch state dict needs: an OrderedDict of name to
 * {@code torch._utils._rebuild_tensor_v2(storage, 0, shape, stride, False, OrderedDict())}, each storage a persistent
 * id {@code ('storage', torch.<X>Storage, key, 'cpu', numel)}. Protocol 2, as {@code torch.save} writes.
 */
final class PickleWriter {
    /** One tensor of the state dict, stored contiguously in storage {@code key}. */
    record Entry(String name, DType dtype, long[] shape, String key) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] stateDict(List<Entry> entries) {
        PickleWriter w = new PickleWriter();
        w.op(0x80).op(2);
        w.global("collections", "OrderedDict").op(')').op('R');
        w.op('(');
        for (Entry e : entries) {
            w.string(e.name());
            w.global("torch._utils", "_rebuild_tensor_v2");
            w.op('(');
            w.op('(').string("storage").global("torch", e.dtype().torchStorage()).string(e.key()).string("cpu")
                    .integer(Shapes.numel(e.shape())).op('t').op('Q');
            w.integer(0);
            w.tuple(e.shape());
            w.tuple(Shapes.contiguousStrides(e.shape()));
            w.op(0x89);
            w.global("collections", "OrderedDict").op(')').op('R');
            w.op('t').op('R');
        }
        w.op('u').op('.');
        return w.out.toByteArray();
    }

    private PickleWriter op(int b) {
        out.write(b);
        return this;
    }

    private PickleWriter global(String module, String name) {
        op('c');
        byte[] b = (module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, b.length);
        return this;
    }

    private PickleWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        int n = b.length;
        op(n & 0xff).op((n >>> 8) & 0xff).op((n >>> 16) & 0xff).op((n >>> 24) & 0xff);
        out.write(b, 0, n);
        return this;
    }

    private PickleWriter integer(long v) {
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            op('J');
            for (int i = 0; i < 4; i++) {
                op((int) (v >>> (8 * i)) & 0xff);
            }
        } else {
            op(0x8a).op(8);
            for (int i = 0; i < 8; i++) {
                op((int) (v >>> (8 * i)) & 0xff);
            }
        }
        return this;
    }

    private PickleWriter tuple(long[] items) {
        if (items.length == 0) {
            return op(')');
        }
        if (items.length > 3) {
            op('(');
        }
        for (long v : items) {
            integer(v);
        }
        return switch (items.length) {
            case 1 -> op(0x85);
            case 2 -> op(0x86);
            case 3 -> op(0x87);
            default -> op('t');
        };
    }
}
