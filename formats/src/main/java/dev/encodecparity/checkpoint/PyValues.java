package dev.encodecparity.checkpoint;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pickled values described for messages in Python's words: a user knows a {@code list}, not an {@code ArrayList}. */
final class PyValues {
    private PyValues() {
    }

    /**
     * A short description of a value for error messages, in Python's words ({@code list of 3}, {@code int}), never
     * its whole content.
     */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof String s) {
            return "'" + shorten(s) + "'";
        }
        if (o instanceof PyGlobal g) {
            return g.qualifiedName();
        }
        if (o instanceof Collection<?> c) {
            return pythonType(o) + " of " + c.size();
        }
        if (o instanceof Map<?, ?> m) {
            return "dict of " + m.size();
        }
        if (o instanceof byte[] b) {
            return "bytes of " + b.length;
        }
        return pythonType(o);
    }

    /** {@link #describe} after "a" or "an", as the description's first sound needs. */
    static String describeWithArticle(Object o) {
        String d = describe(o);
        return ("aeiouAEIOU".indexOf(d.charAt(0)) >= 0 && !d.startsWith("'") ? "an " : "a ") + d;
    }

    private static String pythonType(Object o) {
        if (o instanceof PyTuple) {
            return "tuple";
        }
        if (o instanceof List<?>) {
            return "list";
        }
        if (o instanceof Set<?>) {
            return o instanceof LinkedHashSet<?> ? "set" : "frozenset";
        }
        if (o instanceof Long || o instanceof java.math.BigInteger) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof TensorRef) {
            return "tensor";
        }
        return o instanceof StorageRef ? "storage" : "value";
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
