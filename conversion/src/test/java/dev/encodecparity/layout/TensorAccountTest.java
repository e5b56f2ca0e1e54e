package dev.encodecparity.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorAccountTest {
    private static final List<ExpectedTensor> EXPECTED = List.of(
            new ExpectedTensor("a", new long[] {2}),
            new ExpectedTensor("b", new long[] {3, 4}),
            new ExpectedTensor("c", new long[] {1}),
            new ExpectedTensor("d", new long[] {5, 1, 1}));

    @Test
    void anExactFileHasNoProblems() {
        Map<String, long[]> file = new LinkedHashMap<>();
        file.put("d", new long[] {5, 1, 1});
        file.put("a", new long[] {2});
        file.put("c", new long[] {1});
        file.put("b", new long[] {3, 4});
        TensorAccount account = TensorAccount.of(EXPECTED, file, s -> s);
        assertTrue(account.exact());
        assertEquals(0, account.problemCount());
    }

    @Test
    void missingFollowTheExpectedOrderTheRestTheFilesOrder() {
        Map<String, long[]> file = new LinkedHashMap<>();
        file.put("z", new long[] {1});
        file.put("d", new long[] {5});
        file.put("b", new long[] {4, 3});
        file.put("y", new long[] {2});
        TensorAccount account = TensorAccount.of(EXPECTED, file, s -> s);
        assertFalse(account.exact());
        assertEquals(List.of("a [2]", "c [1]"), account.missing().stream().map(ExpectedTensor::toString).toList());
        assertEquals(List.of("z", "y"), account.unexpected());
        assertEquals(List.of("d is [5], must be [5, 1, 1]", "b is [4, 3], must be [3, 4]"),
                account.misshaped().stream().map(TensorAccount.Misshaped::toString).toList());
        assertEquals(6, account.problemCount());
    }

    @Test
    void anEmptyFileMissesEverything() {
        TensorAccount account = TensorAccount.of(EXPECTED, Map.<String, long[]>of(), s -> s);
        assertEquals(List.of("a", "b", "c", "d"), account.missing().stream().map(ExpectedTensor::name).toList());
        assertEquals(List.of(), account.unexpected());
        assertEquals(List.of(), account.misshaped());
    }

    @Test
    void aScalarIsNotAOneElementVector() {
        TensorAccount account = TensorAccount.of(EXPECTED.subList(2, 3), Map.of("c", new long[0]), s -> s);
        assertEquals("c is [], must be [1]", account.misshaped().get(0).toString());
    }
}
