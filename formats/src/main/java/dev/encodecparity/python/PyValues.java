package dev.encodecparity.python;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python values said for messages in Python's words: a user knows a {@code list}, not an {@code ArrayList}. Two ways:
 * {@link #describe} names the type and size and never the content (for a pickle, where a value may be huge), and
 * {@link #repr} writes the value as Python would (for a {@code .npy} header, where it is a few characters).
 */
public final class PyValues {
    private PyValues() {
    }

    /**
     * A short description of a value for error messages, in Python's words ({@code list of 3}, {@code int}), never
     * its whole content.
     */
    public static String describe(Object o) {
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
    public static String describeWithArticle(Object o) {
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
        return o instanceof PyObject p ? p.pythonType() : "value";
    }

    /** A string cut to 40 characters, for a message. */
    public static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /**
     * A parsed value written back as Python would, for messages: strings quoted, and every character outside
     * printable ASCII escaped, so that whatever a file holds, the message stays one plain line.
     */
    public static String repr(Object value) {
        StringBuilder b = new StringBuilder();
        appendRepr(b, value);
        return b.toString();
    }

    private static void appendRepr(StringBuilder b, Object value) {
        if (value == null) {
            b.append("None");
        } else if (value instanceof String) {
            b.append('\'');
            for (char c : ((String) value).toCharArray()) {
                if (c == '\'' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c >= 0x20 && c < 0x7f) {
                    b.append(c);
                } else {
                    b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                }
            }
            b.append('\'');
        } else if (value instanceof Boolean) {
            b.append((Boolean) value ? "True" : "False");
        } else if (value instanceof PyTuple items) {
            b.append('(');
            appendItems(b, items);
            b.append(items.size() == 1 ? ",)" : ")");
        } else if (value instanceof List) {
            b.append('[');
            appendItems(b, (List<?>) value);
            b.append(']');
        } else if (value instanceof Map) {
            b.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                b.append(sep);
                appendRepr(b, e.getKey());
                b.append(": ");
                appendRepr(b, e.getValue());
                sep = ", ";
            }
            b.append('}');
        } else {
            b.append(value); // ints
        }
    }

    private static void appendItems(StringBuilder b, List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            appendRepr(b, items.get(i));
        }
    }
}
