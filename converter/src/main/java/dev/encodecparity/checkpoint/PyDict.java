package dev.encodecparity.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Python dict or OrderedDict, in insertion order. A state dict's OrderedDict also carries attributes set by the
 * pickle's BUILD opcode (torch stores {@code _metadata} there); they are kept apart from the items.
 */
public final class PyDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> attributes = new LinkedHashMap<>();

    public Map<String, Object> attributes() {
        return attributes;
    }
}
