package dev.encodecparity.checkpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.config.EncodecConfig;
import dev.encodecparity.testing.ReaderContract;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real checkpoint and config in testdata/ (the fixtures too large to be fuzz seeds) read through the same
 * contract the fuzz tests check: read or rejected with a one-line message, in bounded time and heap.
 */
class FixtureContractTest {
    static List<Path> checkpoints() throws IOException {
        try (Stream<Path> s = Files.walk(TestData.path("checkpoints"))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".th")).sorted().toList();
            assertTrue(files.size() > 25, "checkpoint fixtures: " + files);
            return files;
        }
    }

    static List<Path> configs() throws IOException {
        try (Stream<Path> s = Files.list(TestData.path("configs"))) {
            return s.sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("checkpoints")
    void checkpoint(Path file) throws IOException {
        ReaderContract.check(file, Files.size(file), CheckpointFuzzTest.FACTOR, CheckpointFuzzTest::readLikeConvert);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void config(Path file) throws IOException {
        ReaderContract.check(file, Files.size(file), ReaderContract.TEXT_FACTOR, f -> EncodecConfig.read(f).toSpec());
    }
}
