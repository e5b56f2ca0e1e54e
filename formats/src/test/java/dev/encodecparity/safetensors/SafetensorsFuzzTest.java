package dev.encodecparity.safetensors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.testing.ReaderContract;

/**
 * Coverage-guided fuzzing of the safetensors reader (header JSON, dtypes, offsets), reading every tensor's bytes;
 * the rule checked is {@link ReaderContract}'s. Replays its inputs in a plain test run; {@code scripts/fuzz} fuzzes.
 */
class SafetensorsFuzzTest {
    private static final ReaderContract CONTRACT = new ReaderContract("fuzz.safetensors", ReaderContract.TEXT_FACTOR);

    @FuzzTest(maxDuration = "10m")
    void safetensors(byte[] data) {
        CONTRACT.check(data, SafetensorsFuzzTest::read);
    }

    static void read(java.nio.file.Path file) throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            f.metadata();
            for (Tensor t : f.tensors().values()) {
                t.readBytes();
            }
        }
    }
}
