package dev.encodecparity.mapping;

import dev.encodecparity.layout.ExpectedTensor;
import dev.encodecparity.layout.KeyLayout;
import dev.encodecparity.layout.OriginalLayout;
import dev.encodecparity.layout.TensorAccount;
import dev.encodecparity.layout.TransformersLayout;
import dev.encodecparity.spec.Architecture;
import dev.encodecparity.spec.Family;
import dev.encodecparity.tensor.Shapes;
import dev.encodecparity.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renames a state dict from one layout to the other with strict accounting: every source tensor is used exactly once,
 * every tensor the target architecture implies is filled, every shape equals the implied shape. Nothing is copied
 * here; the result pairs target names with the source tensors, in the target layout's order.
 */
public final class WeightMapping {
    private WeightMapping() {
    }

    /** A target name and the source tensor that fills it. */
    public record Assignment(String target, String source, Tensor tensor) {
    }

    /** Original names to transformers names. */
    public static List<Assignment> toTransformers(Map<String, Tensor> source, Architecture arch, Path file,
            String what) {
        return map(source, arch, Family.ENCODEC, true, file, what);
    }

    /**
     * Transformers names (legacy or parametrization spelling) to original names, in the state-dict order of
     * {@code family}'s code.
     */
    public static List<Assignment> toOriginal(Map<String, Tensor> source, Architecture arch, Family family, Path file,
            String what) {
        return map(source, arch, family, false, file, what);
    }

    private static List<Assignment> map(Map<String, Tensor> source, Architecture arch, Family family,
            boolean fromOriginal, Path file, String what) {
        KeyLayout target = fromOriginal ? TransformersLayout.INSTANCE : OriginalLayout.INSTANCE;
        List<ExpectedTensor> expected = target.expected(arch, family);
        Set<String> expectedNames = new HashSet<>();
        for (ExpectedTensor t : expected) {
            expectedNames.add(t.name());
        }
        MappingReport report = new MappingReport();
        Map<String, Assignment> byTarget = new LinkedHashMap<>(); // in source order, so shape problems are too
        for (Map.Entry<String, Tensor> e : source.entrySet()) {
            String name = fromOriginal ? e.getKey() : TransformersLayout.legacyName(e.getKey());
            Optional<String> t = targetName(name, fromOriginal, expectedNames, report);
            if (t.isEmpty()) {
                continue;
            }
            Assignment before = byTarget.putIfAbsent(t.get(), new Assignment(t.get(), e.getKey(), e.getValue()));
            if (before != null) {
                report.unused(e.getKey() + " (maps to " + t.get() + ", already filled by " + before.source() + ")");
            }
        }
        TensorAccount account = TensorAccount.of(expected, byTarget, a -> a.tensor().shape());
        if (!account.unexpected().isEmpty()) {
            throw new IllegalStateException("renamed to names the target lacks: " + account.unexpected());
        }
        for (TensorAccount.Misshaped m : account.misshaped()) {
            report.misshaped(byTarget.get(m.name()).source() + " is " + Shapes.format(m.actual()) + ", " + m.name()
                    + " must be " + Shapes.format(m.expected()));
        }
        for (ExpectedTensor t : account.missing()) {
            report.missing(t.toString());
        }
        List<Assignment> out = new ArrayList<>();
        for (ExpectedTensor t : expected) {
            Assignment a = byTarget.get(t.name());
            if (a != null) {
                out.add(a);
            }
        }
        report.throwIfAny(file, what);
        return out;
    }

    /** The one target name a source name maps to, or empty (with the reason in the report). */
    private static Optional<String> targetName(String name, boolean fromOriginal, Set<String> expectedNames,
            MappingReport report) {
        List<String> candidates = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (RenameRules.Rule r : RenameRules.RULES) {
            r.apply(name, fromOriginal).ifPresent(t -> {
                candidates.add(t);
                lines.add(r.line());
            });
        }
        if (candidates.isEmpty()) {
            report.unused(name + " (no renaming rule matches it)");
            return Optional.empty();
        }
        if (fromOriginal && candidates.size() > 1) {
            report.other(name + " matches several rules (lines " + lines + ")");
            return Optional.empty();
        }
        List<String> known = candidates.stream().filter(expectedNames::contains).toList();
        if (known.size() == 1) {
            return Optional.of(known.get(0));
        }
        if (known.isEmpty()) {
            report.unused(name + " (becomes " + String.join(" or ", candidates) + ", which this model does not have)");
        } else {
            report.other(name + " could be any of " + known);
        }
        return Optional.empty();
    }
}
