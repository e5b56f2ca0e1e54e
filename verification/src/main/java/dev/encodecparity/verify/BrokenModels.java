package dev.encodecparity.verify;

import dev.encodecparity.compare.Verdict;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.tensor.NonFinite;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a broken model from a conversion that differs. Non-finite weights are compared weight by weight: both sources
 * hand their tensors to the engine in the same order, so the i-th tensor taken from each is the same weight under
 * its two names. The same non-finite weights with the same counts on both sides mean the conversion copied them
 * exactly and the source model itself is broken.
 */
final class BrokenModels {
    private static final int MAX_NAMED = 5;

    private BrokenModels() {
    }

    /** Why a model is broken, or null when every weight and every row's output is finite. */
    static VerifyReport.Broken of(ModelSource original, ModelSource converted, List<VerifyReport.Row> rows) {
        List<NonFinite.Found> a = original.nonFiniteWeights();
        List<NonFinite.Found> b = converted.nonFiniteWeights();
        long brokenRows = rows.stream().filter(r -> r.verdict() == Verdict.BROKEN).count();
        if (a.isEmpty() && b.isEmpty() && brokenRows == 0) {
            return null;
        }
        boolean same = !a.isEmpty() && positions(a, original).equals(positions(b, converted));
        List<String> lines = new ArrayList<>();
        if (!a.isEmpty()) {
            lines.add("original model: " + holds(a));
        }
        if (!b.isEmpty()) {
            lines.add("converted model: " + holds(b));
        }
        if (same) {
            lines.add("same non-finite tensors on both sides: the conversion is exact, the source model itself is"
                    + " broken");
        } else if (!a.isEmpty() && !b.isEmpty()) {
            lines.add("the two models' non-finite tensors differ: both are broken, and the conversion is not exact");
        } else if (!a.isEmpty()) {
            lines.add("the converted model's weights are finite: the source model is broken, and the conversion did"
                    + " not carry its values over exactly");
        } else if (!b.isEmpty()) {
            lines.add("the original model's weights are finite: the conversion is not exact");
        } else {
            long onA = rows.stream().filter(r -> r.originalNonFinite() > 0).count();
            long onB = rows.stream().filter(r -> r.convertedNonFinite() > 0).count();
            lines.add("every weight of both models is finite, but outputs are not (the activations overflow float32):"
                    + " the original's on " + onA + " of " + rows.size() + " rows, the converted model's on " + onB);
        }
        return new VerifyReport.Broken(counts(a), counts(b), same, brokenRows, lines);
    }

    /** Whether a row calls for the module-by-module trace: the two models' outputs differ, not merely both broken. */
    static boolean differs(VerifyReport.Row row) {
        return row.verdict() == Verdict.FAIL
                || (row.verdict() == Verdict.BROKEN && row.originalNonFinite() != row.convertedNonFinite());
    }

    private static String holds(List<NonFinite.Found> found) {
        return NonFinite.tensorsHold(found.size()) + " non-finite values: " + NonFinite.inlineList(found, MAX_NAMED);
    }

    /** Each found tensor as its place in the engine's load order and its counts. */
    private static List<Object> positions(List<NonFinite.Found> found, ModelSource source) {
        List<String> order = source.takenInOrder();
        List<Object> out = new ArrayList<>();
        for (NonFinite.Found f : found) {
            out.add(List.of(order.indexOf(f.name()), f.count()));
        }
        return out;
    }

    private static List<VerifyReport.TensorCount> counts(List<NonFinite.Found> found) {
        return found.stream().map(f -> new VerifyReport.TensorCount(f.name(), f.count().nan(),
                f.count().positiveInfinity(), f.count().negativeInfinity(), f.count().values())).toList();
    }
}
