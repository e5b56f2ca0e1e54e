package dev.encodecparity.checkpoint;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/** A Python tuple: immutable, and hashable so it can be a dict key. */
public final class PyTuple extends AbstractList<Object> {
    static final PyTuple EMPTY = new PyTuple(new Object[0]);

    private final Object[] items;

    PyTuple(Object[] items) {
        this.items = items;
    }

    static PyTuple of(List<Object> items) {
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
        return o instanceof PyTuple && Arrays.equals(items, ((PyTuple) o).items);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(items);
    }
}
