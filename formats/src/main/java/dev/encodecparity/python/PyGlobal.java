package dev.encodecparity.python;

/**
 * A name a pickle imported, such as {@code torch FloatStorage}; a reader creates one only for a name it has checked
 * against its allow-list.
 */
public record PyGlobal(String module, String name) {
    public String qualifiedName() {
        return module + "." + name;
    }
}
