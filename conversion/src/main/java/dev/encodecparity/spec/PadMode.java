package dev.encodecparity.spec;

import java.util.Arrays;
import java.util.Optional;

/** How padded convolutions fill their borders (the {@code mode} of torch's {@code F.pad}). */
public enum PadMode {
    REFLECT("reflect"),
    CONSTANT("constant");

    private final String configName;

    PadMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The config spelling, so messages and reports read like the configs. */
    @Override
    public String toString() {
        return configName;
    }

    public static Optional<PadMode> fromConfig(String name) {
        return Arrays.stream(values()).filter(n -> n.configName.equals(name)).findFirst();
    }
}
