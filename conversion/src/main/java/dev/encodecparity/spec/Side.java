package dev.encodecparity.spec;

/** Which half of the codec a SEANet module belongs to. */
public enum Side {
    ENCODER("encoder"),
    DECODER("decoder");

    private final String moduleName;

    Side(String moduleName) {
        this.moduleName = moduleName;
    }

    /** "encoder" or "decoder": the attribute name in both layouts and in the engine's traces. */
    public String moduleName() {
        return moduleName;
    }
}
