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
        List<String> details = new ArrayList<>();
        section(details, "unused source tensor", unused);
        section(details, "missing tensor", missing);
        section(details, "wrong shape", misshaped);
        section(details, "problem", other);
        throw new BadInputException(file, sb.toString(), details);
    }

    private static void section(List<String> details, String label, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i == MAX_LISTED) {
                details.add("... and " + (items.size() - MAX_LISTED) + " more " + label + "s");
                return;
            }
            details.add(label + ": " + items.get(i));
        }
    }
}
