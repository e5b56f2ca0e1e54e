package dev.encodecparity.spec;

import java.util.Arrays;
import java.util.Optional;

/** The conv normalisations a convertible EnCodec can use. */
public enum Norm {
    /** Weight norm on every conv (24 kHz, 32 kHz): tensors {@code weight_g}, {@code weight_v}, {@code bias}. */
    WEIGHT_NORM("weight_norm"),
    /** GroupNorm(1, C) after every conv, no weight norm (48 kHz): conv {@code weight}, {@code bias}, norm affine. */
    TIME_GROUP_NORM("time_group_norm");

    private final String configName;

    Norm(String configName) {
        this.configName = configName;
    }

    /** The value in configs: "weight_norm" or "time_group_norm". */
    public String configName() {
        return configName;
    }

    /** The config spelling, so messages and reports read like the configs. */
    @Override
    public String toString() {
        return configName;
    }

    public static Optional<Norm> fromConfig(String name) {
        return Arrays.stream(values()).filter(n -> n.configName.equals(name)).findFirst();
    }
}
