package dev.encodecparity.python;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/** A Python tuple: immutable, and hashable so it can be a dict key. */
public final class PyTuple extends AbstractList<Object> {
    public static final PyTuple EMPTY = new PyTuple(new Object[0]);

    private final Object[] items;
    /** Cached, so tuples that share parts (through the pickle memo) are hashed once each. 0: not yet known. */
    private int hash;

    private PyTuple(Object[] items) {
        this.items = items;
    }

    /** A tuple of these items (may hold null, Python's None). */
    public static PyTuple of(Object... items) {
        return new PyTuple(items.clone());
    }

    public static PyTuple of(List<?> items) {
        return new PyTuple(items.toArray());
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PyTuple t && t.hashCode() == hashCode() && Arrays.equals(items, t.items);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(items);
            hash = h;
        }
        return h;
    }
}
