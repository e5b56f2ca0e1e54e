package dev.encodecparity.verify;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages break a converted folder the way {@link Breakage} does. */
public final class BreakageAccess {
    private BreakageAccess() {
    }

    public static Path scaleTensor(Path folder, Path out, String name, float factor) throws IOException {
        return Breakage.tensors(folder, out, t -> {
            float[] v = t.get(name);
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor;
            }
        });
    }
}
