package dev.encodecparity.checkpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * The pickle machine's stack and its marks, with CPython's rules for reaching below a mark: values under the latest
 * MARK belong to an outer segment and are out of reach, and an underflow or a missing MARK is a malformed pickle,
 * never an exception from Java's lists.
 */
final class PickleStack {
    private final ByteReader in;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();

    PickleStack(ByteReader in) {
        this.in = in;
    }

    void push(Object o) {
        stack.add(o);
    }

    Object pop() {
        if (stack.size() <= floor()) {
            throw in.error("malformed pickle: stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    Object peek() {
        if (stack.size() <= floor()) {
            throw in.error("malformed pickle: stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    /** MARK: the values pushed from here on form a segment that {@link #popMark} takes. */
    void mark() {
        marks.add(stack.size());
    }

    /** POP: an empty segment means the MARK itself is popped, as in CPython. */
    void popValueOrMark() {
        if (stack.size() == floor() && !marks.isEmpty()) {
            marks.remove(marks.size() - 1);
        } else {
            pop();
        }
    }

    /** The values since the latest MARK, which is removed with them. */
    List<Object> popMark() {
        if (marks.isEmpty()) {
            throw in.error("malformed pickle: no MARK");
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(m, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    /** STOP: the pickle's value, which must be the only one left, with no MARK open. */
    Object result() {
        if (stack.size() != 1 || !marks.isEmpty()) {
            throw in.error("malformed pickle: " + stack.size() + " values left at STOP");
        }
        return stack.get(0);
    }

    /** Values below the latest MARK belong to an outer segment and are out of reach, as in CPython. */
    private int floor() {
        return marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
    }
}
