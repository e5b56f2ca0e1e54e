package dev.encodecparity.inspect;

import dev.encodecparity.config.OriginalSettings;
import dev.encodecparity.config.Presets;
import dev.encodecparity.config.SpecDiff;
import dev.encodecparity.spec.ModelSpec;
import java.util.List;

/** Which preset a model is: the one whose codec it is exactly, else "custom", with the nearest preset if close. */
final class Variants {
    /** A custom model this close to a preset (in differing settings) is said to be like it. */
    private static final int CLOSE = 2;

    private Variants() {
    }

    /**
     * @param variant a preset's name or "custom"
     * @param note how a custom model differs from the preset it is close to, or null
     */
    record Match(String variant, String note) {
    }

    /** The preset {@code spec} is, compared as a codec (the bandwidth ladder left out: see {@link SpecDiff}). */
    static Match of(ModelSpec spec) {
        String nearest = null;
        List<String> fewest = null;
        for (OriginalSettings p : Presets.all().values()) {
            List<String> d = SpecDiff.codecDifferences(spec, p.toSpec());
            if (d.isEmpty()) {
                return new Match(p.name(), null);
            }
            if (fewest == null || d.size() < fewest.size()) {
                nearest = p.name();
                fewest = d;
            }
        }
        return fewest != null && fewest.size() <= CLOSE
                ? new Match("custom", "like " + nearest + " except " + String.join("; ", fewest) + " (this model vs"
                        + " the preset)")
                : new Match("custom", null);
    }
}
