package dev.encodecparity.mapping;

import dev.encodecparity.common.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything wrong with a mapping, collected before anything is written: unused source tensors, missing targets,
 * wrong shapes, ambiguities. The converter refuses the whole conversion if any list is non-empty, and says all of it.
 */
public final class MappingReport {
    private static final int MAX_LISTED = 40;

    private final List<String> unused = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> misshaped = new ArrayList<>();
    private final List<String> other = new ArrayList<>();

    void unused(String s) {
        unused.add(s);
    }

    void missing(String s) {
        missing.add(s);
    }

    void misshaped(String s) {
        misshaped.add(s);
    }

    void other(String s) {
        other.add(s);
    }

    public List<String> unused() {
        return unused;
    }

    public List<String> missing() {
        return missing;
    }

    public List<String> misshaped() {
        return misshaped;
    }

    public int problemCount() {
        return unused.size() + missing.size() + misshaped.size() + other.size();
    }

    /** Throws one error listing every problem, if there are any. */
    public void throwIfAny(Path file, String what) {
        if (problemCount() == 0) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(what).append(": ").append(problemCount()).append(problemCount() == 1 ? " problem" : " problems")
                .append(" (").append(unused.size()).append(" unused, ").append(missing.size()).append(" missing, ")
                .append(misshaped.size()).append(" mis-shaped");
        if (!other.isEmpty()) {
            sb.append(", ").append(other.size()).append(" other");
        }
        sb.append("); nothing was written");
        section(sb, "unused source tensor", unused);
        section(sb, "missing tensor", missing);
        section(sb, "wrong shape", misshaped);
        section(sb, "problem", other);
        throw new BadInputException(file, sb.toString());
    }

    private static void section(StringBuilder sb, String label, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i == MAX_LISTED) {
                sb.append("\n  ... and ").append(items.size() - MAX_LISTED).append(" more ").append(label).append("s");
                return;
            }
            sb.append("\n  ").append(label).append(": ").append(items.get(i));
        }
    }
}
