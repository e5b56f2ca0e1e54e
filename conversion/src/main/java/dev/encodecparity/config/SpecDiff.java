package dev.encodecparity.config;

import dev.encodecparity.spec.Architecture;
import dev.encodecparity.spec.ModelSpec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Field-by-field differences between two model specs, for messages ("pad_mode: reflect vs constant"). */
public final class SpecDiff {
    private SpecDiff() {
    }

    /**
     * The differences that make two specs different codecs. The bandwidth ladder is left out: it is a list of codebook
     * prefixes, not part of the model (an audiocraft package lists only its full bandwidth, a config may add lower
     * ones); the number of codebooks is in the architecture and compared.
     */
    public static List<String> codecDifferences(ModelSpec a, ModelSpec b) {
        return differences(a, b).stream().filter(d -> !d.startsWith("bandwidths:")).toList();
    }

    public static List<String> differences(ModelSpec a, ModelSpec b) {
        List<String> out = new ArrayList<>();
        compare(a.architecture(), b.architecture(), out);
        compare(a, b, out);
        return out;
    }

    /** "padMode" to "pad_mode", the spelling of the configs. */
    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static void compare(Record a, Record b, List<String> out) {
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            try {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (x instanceof Architecture) {
                    continue;
                }
                if (!Objects.equals(x, y)) {
                    out.add(snakeCase(c.getName()) + ": " + x + " vs " + y);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
