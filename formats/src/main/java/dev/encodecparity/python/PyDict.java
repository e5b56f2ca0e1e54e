package dev.encodecparity.python;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Python dict or OrderedDict, in insertion order: a pickle's, or a {@code .npy} header's. A state dict's
 * OrderedDict also carries attributes set by the pickle's BUILD opcode (torch stores {@code _metadata} there); they are
 * kept apart from the items, in a map made only when the first one is set (a pickle may make many dicts, and few have
 * attributes).
 */
public final class PyDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    private Map<String, Object> attributes;

    public Map<String, Object> attributes() {
        if (attributes == null) {
            attributes = new LinkedHashMap<>();
        }
        return attributes;
    }
}
