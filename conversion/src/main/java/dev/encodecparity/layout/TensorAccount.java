package dev.encodecparity.layout;

import dev.encodecparity.tensor.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one comparison of a file's tensors with the tensors an architecture implies: which expected tensors are missing,
 * which present ones are unexpected, which have the wrong shape. Renaming, preset detection and model loading all
 * account this way and differ only in what they say about it.
 *
 * @param missing expected tensors the file lacks, in the expected order
 * @param unexpected names the file has and the architecture does not, in the file's order
 * @param misshaped tensors present under an expected name with another shape, in the file's order
 */
public record TensorAccount(List<ExpectedTensor> missing, List<String> unexpected, List<Misshaped> misshaped) {
    public TensorAccount {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        misshaped = List.copyOf(misshaped);
    }

    /** A tensor under an expected name whose shape is not the implied one. */
    public record Misshaped(String name, long[] actual, long[] expected) {
        /** "{@code name} is [a], must be [b]". */
        @Override
        public String toString() {
            return name + " is " + Shapes.format(actual) + ", must be " + Shapes.format(expected);
        }
    }

    /**
     * Accounts {@code actual} (name to tensor, iterated in its own order) against {@code expected}.
     *
     * @param shapeOf the shape of one of {@code actual}'s values
     */
    public static <T> TensorAccount of(List<ExpectedTensor> expected, Map<String, ? extends T> actual,
            Function<? super T, long[]> shapeOf) {
        Map<String, long[]> want = new HashMap<>();
        for (ExpectedTensor t : expected) {
            want.put(t.name(), t.shape());
        }
        List<ExpectedTensor> missing = new ArrayList<>();
        for (ExpectedTensor t : expected) {
            if (!actual.containsKey(t.name())) {
                missing.add(t);
            }
        }
        List<String> unexpected = new ArrayList<>();
        List<Misshaped> misshaped = new ArrayList<>();
        for (Map.Entry<String, ? extends T> e : actual.entrySet()) {
            long[] shape = want.get(e.getKey());
            if (shape == null) {
                unexpected.add(e.getKey());
            } else {
                long[] have = shapeOf.apply(e.getValue());
                if (!Arrays.equals(have, shape)) {
                    misshaped.add(new Misshaped(e.getKey(), have, shape));
                }
            }
        }
        return new TensorAccount(missing, unexpected, misshaped);
    }

    public int problemCount() {
        return missing.size() + unexpected.size() + misshaped.size();
    }

    /** True when the file has exactly the expected tensors with the expected shapes. */
    public boolean exact() {
        return problemCount() == 0;
    }
}
