package dev.encodecparity.checkpoint;

import dev.encodecparity.python.PyDict;
import dev.encodecparity.python.PyGlobal;
import dev.encodecparity.python.PyTuple;
import dev.encodecparity.python.PyValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A pickle reader that rebuilds data and never runs code.
 *
 * <p>It implements the pickle machine for protocols 0 to 5 over plain values (None, bool, int, float, str, bytes,
 * tuple, list, dict, set). Imports (GLOBAL, STACK_GLOBAL) are checked against {@link TorchGlobals}' allow-list the
 * moment they are read, and refused with the offending name otherwise; calls (REDUCE, NEWOBJ) can only reach the
 * allow-listed constructors. Opcodes whose meaning is "run this" with no allow-list to check (INST, OBJ, EXT*,
 * out-of-band buffers) are refused outright. Python None is Java null.
 *
 * <p>Every step is paid for from the file's {@link PickleBudget}: one per opcode (which bounds the values, memo
 * entries, marks and stack slots made, since an opcode makes at most one of each), and one per item wherever an
 * opcode walks a value that may be shared through the memo (BUILD's state, a call's arguments, a key being hashed),
 * since repeating such an opcode would otherwise repeat the walk at no cost in bytes.
 */
final class Unpickler {
    /** Torch checkpoints key dicts by strings and ints; a tuple key of a thousand parts is already absurd. */
    static final int MAX_KEY_PARTS = 1000;

    private final ByteReader in;
    private final PickleBudget budget;
    private final Function<PyTuple, Object> persistentLoad;
    private final PickleStack stack;
    private final Map<Long, Object> memo = new HashMap<>();

    private Unpickler(ByteReader in, PickleBudget budget, Function<PyTuple, Object> persistentLoad) {
        this.in = in;
        this.stack = new PickleStack(in);
        this.budget = budget;
        this.persistentLoad = persistentLoad;
    }

    /** Reads one pickle (up to its STOP opcode) and returns its value, paying from {@code budget}. */
    static Object load(ByteReader in, PickleBudget budget, Function<PyTuple, Object> persistentLoad) {
        return new Unpickler(in, budget, persistentLoad).run();
    }

    /** Reads a pickle that is a whole file of its own, with that file's budget. */
    static Object load(ByteReader in, Function<PyTuple, Object> persistentLoad) {
        return load(in, PickleBudget.forFile(in.remaining()), persistentLoad);
    }

    private Object run() {
        while (true) {
            int op = in.u8();
            budget.spend(1, in);
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = in.u8();
                    if (proto > 5) {
                        throw in.error("pickle protocol " + proto + " is newer than any Python writes");
                    }
                }
                case 0x95 -> in.s64(); // FRAME: a length hint only
                case '.' -> { // STOP
                    return stack.result();
                }
                case '(' -> stack.mark(); // MARK
                case '0' -> stack.popValueOrMark(); // POP
                case '1' -> stack.popMark(); // POP_MARK
                case '2' -> stack.push(stack.peek()); // DUP
                case 'N' -> stack.push(null);
                case 0x88 -> stack.push(Boolean.TRUE);
                case 0x89 -> stack.push(Boolean.FALSE);
                case 'K' -> stack.push((long) in.u8()); // BININT1
                case 'M' -> stack.push((long) in.u16()); // BININT2
                case 'J' -> stack.push((long) in.s32()); // BININT
                case 0x8a -> stack.push(PickleInts.binary(in.u8(), in)); // LONG1
                case 0x8b -> stack.push(PickleInts.binary(nonNegative(in.s32()), in)); // LONG4
                case 'I' -> stack.push(PickleInts.intLine(in.line(), in));
                case 'L' -> stack.push(PickleInts.decimal(in.line(), in));
                case 'G' -> stack.push(in.f64BigEndian()); // BINFLOAT
                case 'F' -> stack.push(PickleText.floatLine(in.line(), in));
                case 'X' -> stack.push(PickleText.utf8(in.bytes(in.u32()), in)); // BINUNICODE
                case 0x8c -> stack.push(PickleText.utf8(in.bytes(in.u8()), in)); // SHORT_BINUNICODE
                case 0x8d -> stack.push(PickleText.utf8(in.bytes(in.s64()), in)); // BINUNICODE8
                case 'V' -> stack.push(PickleText.rawUnicodeEscape(in.line(), in));
                case 'S' -> stack.push(PickleText.quotedString(in.line(), in));
                case 'T' -> stack.push(PickleText.latin1(in.bytes(nonNegative(in.s32())))); // BINSTRING
                case 'U' -> stack.push(PickleText.latin1(in.bytes(in.u8()))); // SHORT_BINSTRING
                case 'B' -> stack.push(in.bytes(in.u32())); // BINBYTES
                case 'C' -> stack.push(in.bytes(in.u8())); // SHORT_BINBYTES
                case 0x8e -> stack.push(in.bytes(in.s64())); // BINBYTES8
                case 0x96 -> stack.push(in.bytes(in.s64())); // BYTEARRAY8
                case ')' -> stack.push(PyTuple.EMPTY);
                case 0x85 -> stack.push(PyTuple.of(stack.pop()));
                case 0x86 -> {
                    Object b = stack.pop();
                    Object a = stack.pop();
                    stack.push(PyTuple.of(a, b));
                }
                case 0x87 -> {
                    Object c = stack.pop();
                    Object b = stack.pop();
                    Object a = stack.pop();
                    stack.push(PyTuple.of(a, b, c));
                }
                case 't' -> stack.push(PyTuple.of(stack.popMark()));
                case ']' -> stack.push(new ArrayList<>());
                case 'l' -> stack.push(new ArrayList<>(stack.popMark()));
                case 'a' -> { // APPEND
                    Object v = stack.pop();
                    list(stack.peek()).add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = stack.popMark();
                    list(stack.peek()).addAll(items);
                }
                case '}' -> stack.push(new PyDict());
                case 'd' -> stack.push(dictFrom(stack.popMark()));
                case 's' -> { // SETITEM
                    Object v = stack.pop();
                    Object k = stack.pop();
                    put(dict(stack.peek()), k, v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> kv = stack.popMark();
                    Map<Object, Object> d = dict(stack.peek());
                    if (kv.size() % 2 != 0) {
                        throw in.error("malformed pickle: SETITEMS with an odd number of values");
                    }
                    for (int i = 0; i < kv.size(); i += 2) {
                        put(d, kv.get(i), kv.get(i + 1));
                    }
                }
                case 0x8f -> stack.push(new LinkedHashSet<>()); // EMPTY_SET
                case 0x90 -> { // ADDITEMS
                    List<Object> items = stack.popMark();
                    Object s = stack.peek();
                    if (!(s instanceof LinkedHashSet<?>)) { // a frozenset is immutable, as in Python
                        throw in.error("malformed pickle: ADDITEMS on " + PyValues.describe(s));
                    }
                    for (Object item : items) {
                        hashable(item);
                    }
                    @SuppressWarnings("unchecked")
                    Set<Object> set = (Set<Object>) s;
                    set.addAll(items);
                }
                case 0x91 -> { // FROZENSET
                    List<Object> items = stack.popMark();
                    items.forEach(this::hashable);
                    stack.push(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(items))); // may hold None
                }
                case 'q' -> memo.put((long) in.u8(), stack.peek()); // BINPUT
                case 'r' -> memo.put(in.u32(), stack.peek()); // LONG_BINPUT
                case 'p' -> memo.put(PickleInts.memoIndex(in.line(), in), stack.peek()); // PUT
                case 0x94 -> memo.put((long) memo.size(), stack.peek()); // MEMOIZE
                case 'h' -> stack.push(memoGet(in.u8())); // BINGET
                case 'j' -> stack.push(memoGet(in.u32())); // LONG_BINGET
                case 'g' -> stack.push(memoGet(PickleInts.memoIndex(in.line(), in))); // GET
                case 'c' -> stack.push(global(in.line(), in.line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = stack.pop();
                    Object module = stack.pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw in.error("malformed pickle: STACK_GLOBAL needs two strings");
                    }
                    stack.push(global(m, n));
                }
                case 'R' -> { // REDUCE
                    Object args = stack.pop();
                    Object callable = stack.pop();
                    stack.push(call(callable, args));
                }
                case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args)
                    Object args = stack.pop();
                    Object cls = stack.pop();
                    stack.push(call(cls, args));
                }
                case 'b' -> { // BUILD
                    Object state = stack.pop();
                    build(stack.peek(), state);
                }
                case 'Q' -> stack.push(persistent(stack.pop())); // BINPERSID
                case 'P' -> throw in.error("text persistent id '" + in.line() + "' is not a torch storage reference");
                case 'i', 'o', 0x92 -> throw in.error("pickle opcode '" + opName(op)
                        + "' builds an arbitrary object; refused (checkpoints never need it)");
                case 0x82, 0x83, 0x84 -> throw in.error("pickle uses the copyreg extension registry; refused");
                case 0x97, 0x98 -> throw in.error("pickle uses out-of-band buffers; refused");
                default -> throw in.error(String.format("not a pickle: unknown opcode 0x%02x", op));
            }
        }
    }

    private Object global(String module, String name) {
        String qualified = module + "." + name;
        if (!TorchGlobals.isAllowed(qualified)) {
            throw in.error("pickle imports " + qualified + ", which is not on the allow-list of data-only names;"
                    + " refused without running anything");
        }
        return new PyGlobal(module, name);
    }

    private Object call(Object callable, Object args) {
        if (!(callable instanceof PyGlobal g)) {
            throw in.error("malformed pickle: call of " + PyValues.describe(callable));
        }
        if (!(args instanceof PyTuple t)) {
            throw in.error("malformed pickle: arguments of " + g.qualifiedName() + " are not a tuple");
        }
        for (Object a : t) {
            budget.spend(1 + copyCost(a), in);
        }
        return TorchGlobals.call(g, t, in);
    }

    /** What a call may walk or copy of one argument: its items, or a string's or bytes' length in 64-byte steps. */
    private static long copyCost(Object a) {
        if (a instanceof Collection<?> c) {
            return c.size();
        }
        if (a instanceof Map<?, ?> m) {
            return m.size();
        }
        if (a instanceof String s) {
            return s.length() / 64;
        }
        return a instanceof byte[] b ? b.length / 64 : 0;
    }

    private void build(Object target, Object state) {
        // torch's state dicts are OrderedDicts whose __dict__ holds _metadata; nothing else may be BUILT.
        if (target instanceof PyDict d && state instanceof Map<?, ?> attrs) {
            budget.spend(attrs.size(), in);
            for (Map.Entry<?, ?> e : attrs.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw in.error("malformed pickle: attribute name is not a string");
                }
                d.attributes().put(key, e.getValue());
            }
            return;
        }
        if (target instanceof PyDict && state == null) {
            return;
        }
        throw in.error("BUILD (set state) on " + PyValues.describe(target) + " is not allowed");
    }

    private Object persistent(Object pid) {
        if (!(pid instanceof PyTuple t)) {
            throw in.error("persistent id is not a tuple: " + PyValues.describe(pid));
        }
        return persistentLoad.apply(t);
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw in.error("malformed pickle: memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    private PyDict dictFrom(List<Object> kv) {
        if (kv.size() % 2 != 0) {
            throw in.error("malformed pickle: DICT with an odd number of values");
        }
        PyDict d = new PyDict();
        for (int i = 0; i < kv.size(); i += 2) {
            put(d, kv.get(i), kv.get(i + 1));
        }
        return d;
    }

    private void put(Map<Object, Object> d, Object k, Object v) {
        hashable(k);
        d.put(k, v);
    }

    /**
     * Refuses what Python could not hash, and keys so large that hashing or comparing them would be costly: a
     * tuple key is a tree of at most {@link #MAX_KEY_PARTS} parts (tuples can share parts through the memo, so a
     * small file could otherwise describe a key with billions of them).
     */
    private void hashable(Object k) {
        hashable(k, new int[] {MAX_KEY_PARTS});
    }

    private void hashable(Object k, int[] parts) {
        budget.spend(1, in);
        if (--parts[0] < 0) {
            throw in.error("malformed pickle: a dict key or set item has more than " + MAX_KEY_PARTS + " parts");
        }
        if (k instanceof PyTuple t) {
            for (Object item : t) {
                hashable(item, parts);
            }
        } else if (k instanceof List<?> || k instanceof Map<?, ?> || k instanceof Set<?> || k instanceof byte[]) {
            throw in.error("malformed pickle: unhashable dict key or set item " + PyValues.describe(k));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) {
        if (o instanceof ArrayList<?>) {
            return (List<Object>) o;
        }
        throw in.error("malformed pickle: APPEND to " + PyValues.describe(o));
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) {
        if (o instanceof PyDict) {
            return (Map<Object, Object>) o;
        }
        throw in.error("malformed pickle: SETITEM on " + PyValues.describe(o));
    }

    private int nonNegative(int n) {
        if (n < 0) {
            throw in.error("negative length " + n);
        }
        return n;
    }

    private static String opName(int op) {
        return switch (op) {
            case 'i' -> "INST";
            case 'o' -> "OBJ";
            default -> "NEWOBJ_EX";
        };
    }
}
