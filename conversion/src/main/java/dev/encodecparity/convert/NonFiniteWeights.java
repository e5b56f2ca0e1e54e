package dev.encodecparity.convert;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.mapping.WeightMapping;
import dev.encodecparity.tensor.NonFinite;
import dev.encodecparity.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Convert's rule for weights that are not numbers (NaN, infinities): a model holding any is refused like every other
 * strict-accounting failure, unless the user asks for it with {@code --allow-non-finite}; then the tensors are listed
 * as a warning and recorded in the provenance. Tensors are named as the source file names them.
 */
public final class NonFiniteWeights {
    /** Tensors listed one per line at most; a model of NaN is not worth 300 lines. */
    private static final int MAX_LISTED = 40;

    private NonFiniteWeights() {
    }

    /** The plan's source tensors that hold NaN or infinities, under their source names. */
    static List<NonFinite.Found> scan(Path file, List<WeightMapping.Assignment> plan) {
        Map<String, Tensor> bySource = new LinkedHashMap<>();
        for (WeightMapping.Assignment a : plan) {
            bySource.put(a.source(), a.tensor());
        }
        try {
            return NonFinite.scan(bySource);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read its tensors: " + BadInputException.firstLine(e), e);
        }
    }

    /** Throws the refusal when {@code found} is not empty and the user did not allow it. */
    static void refuseUnlessAllowed(Path file, List<NonFinite.Found> found, boolean allow) {
        if (!found.isEmpty() && !allow) {
            throw new BadInputException(file, NonFinite.tensorsHold(found.size()) + " non-finite values; nothing was"
                    + " written (--allow-non-finite converts anyway)", details(found));
        }
    }

    /** What a conversion with {@code --allow-non-finite} prints on stderr: a warning line, then one line per tensor. */
    public static List<String> warning(List<NonFinite.Found> found) {
        List<String> lines = new ArrayList<>();
        lines.add("warning: " + NonFinite.tensorsHold(found.size()) + " non-finite values; converted anyway"
                + " (--allow-non-finite)");
        details(found).forEach(d -> lines.add("  " + d));
        return lines;
    }

    /** The provenance value: every tensor and its counts, "name: 1 NaN of 32 values; ...". */
    static String provenance(List<NonFinite.Found> found) {
        return String.join("; ", found.stream().map(NonFinite.Found::detail).toList());
    }

    private static List<String> details(List<NonFinite.Found> found) {
        List<String> d = new ArrayList<>(found.stream().limit(MAX_LISTED).map(NonFinite.Found::detail).toList());
        if (found.size() > MAX_LISTED) {
            d.add("... and " + (found.size() - MAX_LISTED) + " more tensors");
        }
        return d;
    }
}
