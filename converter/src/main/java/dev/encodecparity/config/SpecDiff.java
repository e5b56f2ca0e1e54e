package dev.encodecparity.config;

import dev.encodecparity.spec.Architecture;
import dev.encodecparity.spec.ModelSpec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Field-by-field differences between two model specs, for messages ("sample_rate: 32000 vs 48000"). */
public final class SpecDiff {
    private SpecDiff() {
    }

    public static List<String> differences(ModelSpec a, ModelSpec b) {
        List<String> out = new ArrayList<>();
        compare(a.architecture(), b.architecture(), out);
        compare(a, b, out);
        return out;
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
                    out.add(c.getName() + ": " + x + " vs " + y);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
