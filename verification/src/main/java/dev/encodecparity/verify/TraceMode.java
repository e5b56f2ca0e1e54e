package dev.encodecparity.verify;

import dev.encodecparity.common.BadInputException;

/**
 * Which clips {@code --trace} traces module by module on passing rows too, so a nightly job sees a module's drift
 * grow before any row fails: none (only a failure is traced, to name where it starts), the first clip of the run
 * ({@code --trace}; cheap: one more encode and decode per model), or every clip ({@code --trace all}).
 */
public enum TraceMode {
    NONE,
    FIRST,
    ALL;

    /** The option's value: "first" (what a bare {@code --trace} means) or "all". */
    public static TraceMode of(String word) {
        return switch (word) {
            case "first" -> FIRST;
            case "all" -> ALL;
            default -> throw BadInputException.option("--trace takes 'all' (every clip) or nothing (the first clip),"
                    + " not '" + word + "'");
        };
    }

    /** Whether the run's {@code ordinal}-th clip (0 for the first it works) is traced. */
    public boolean traces(int ordinal) {
        return this == ALL || (this == FIRST && ordinal == 0);
    }
}
