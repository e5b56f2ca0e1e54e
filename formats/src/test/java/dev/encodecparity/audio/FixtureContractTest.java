package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Every real audio and array file in testdata/ (reference clips, goldens, op goldens, format fixtures) read through the
 * contract the fuzz tests check: read or rejected with a one-line message, in bounded time and heap.
 */
class FixtureContractTest {
    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(TestData.path(""))) {
            List<Path> files = s.filter(p -> p.toString().matches(".*\\.(wav|flac|npy|npz)$")).sorted().toList();
            assertTrue(files.size() > 50, "audio and array fixtures: " + files.size());
            return files;
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void readOrRejectedCleanly(Path file) throws IOException {
        boolean npz = file.toString().endsWith(".npz");
        long factor = npz ? ReaderContract.DEFLATE_FACTOR
                : file.toString().endsWith(".flac") ? ReaderContract.FLAC_FACTOR : ReaderContract.BINARY_FACTOR;
        ReaderContract.check(file, Files.size(file), factor, f -> {
            if (npz) {
                NpzReader.read(f);
            } else {
                AudioFiles.read(f);
            }
        });
    }
}
