package dev.encodecparity.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which code base wrote an original checkpoint. The tensors are the same; only the state-dict order differs, because
 * facebookresearch/encodec registers the quantizer between encoder and decoder and audiocraft registers it last. The
 * converter records the family so that converting back restores the exact original order.
 */
public enum Family {
    ENCODEC("encodec"),
    AUDIOCRAFT("audiocraft");

    private final String configName;

    Family(String configName) {
        this.configName = configName;
    }

    @JsonValue
    public String configName() {
        return configName;
    }

    public boolean quantizerLast() {
        return this == AUDIOCRAFT;
    }

    /** The family whose order a state dict's names follow: audiocraft when the quantizer comes after the decoder. */
    /** The config spelling, so messages and reports read like the configs. */
    @Override
    public String toString() {
        return configName;
    }

    public static Family fromKeyOrder(Iterable<String> names) {
        int i = 0;
        int firstDecoder = -1;
        int firstQuantizer = -1;
        for (String n : names) {
            if (firstDecoder < 0 && n.startsWith("decoder.")) {
                firstDecoder = i;
            }
            if (firstQuantizer < 0 && n.startsWith("quantizer.")) {
                firstQuantizer = i;
            }
            i++;
        }
        return firstDecoder >= 0 && firstQuantizer > firstDecoder ? AUDIOCRAFT : ENCODEC;
    }

    @JsonCreator
    public static Family fromConfig(String name) {
        for (Family f : values()) {
            if (f.configName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown family '" + name + "' (encodec or audiocraft)");
    }
}
