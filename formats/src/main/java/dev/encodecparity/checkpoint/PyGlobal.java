package dev.encodecparity.checkpoint;

/** A name a pickle imported, such as {@code torch FloatStorage}; only allow-listed names are ever created. */
record PyGlobal(String module, String name) {
    String qualifiedName() {
        return module + "." + name;
    }
}
