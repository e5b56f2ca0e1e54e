package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damages every fixture (WAV, FLAC, .npy, .npz) in many small ways (every truncation, flipped and overwritten bytes,
 * sizes set to extremes) and checks the project's rule: a reader either reads the file or throws
 * {@link BadInputException} naming it, never anything else. Seeded, so a failure repeats.
 */
class MalformedInputFuzzTest {
    private static final int MUTATIONS_PER_FILE = 400;
    private static final int[] INTERESTING = {0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE};

    @TempDir
    Path tmp;

    static List<String> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(Fixtures.dir())) {
            List<String> names = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(".*\\.(wav|flac|npy|npz)"))
                    .sorted().collect(Collectors.toList());
            assertTrue(names.size() > 30, "fixtures: " + names);
            return names;
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void damagedFilesAreReadOrRejectedCleanly(String name) throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.file(name));
        Random r = new Random(name.hashCode());
        Path f = tmp.resolve(name);
        int rejected = 0;
        int step = Math.max(1, good.length / 300);
        for (int n = 0; n < good.length; n += step) {
            rejected += tryRead(f, Arrays.copyOf(good, n), "truncated to " + n);
        }
        for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
            byte[] bad = good.clone();
            int edits = 1 + r.nextInt(4);
            StringBuilder what = new StringBuilder();
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(bad.length);
                int kind = r.nextInt(3);
                if (kind == 0) {
                    bad[at] ^= (byte) (1 << r.nextInt(8));
                } else if (kind == 1) {
                    bad[at] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
                } else {
                    // A run of 0xFF or 0x00 over a size field: declared lengths become huge or zero.
                    byte v = r.nextBoolean() ? (byte) 0xFF : 0;
                    Arrays.fill(bad, at, Math.min(bad.length, at + 4), v);
                }
                what.append(kind).append('@').append(at).append(' ');
            }
            rejected += tryRead(f, bad, "mutation " + what);
        }
        assertTrue(rejected > 0, "no damage was noticed in " + name);
    }

    /** 1 when the reader rejected the bytes, 0 when it read them; fails on any other outcome. */
    private static int tryRead(Path f, byte[] bytes, String what) throws IOException {
        Files.write(f, bytes);
        try {
            read(f);
            return 0;
        } catch (BadInputException e) {
            assertEquals(f, e.file(), what);
            assertTrue(!e.getMessage().contains("\n"), what + ": " + e.getMessage());
            return 1;
        } catch (Throwable t) {
            fail(f.getFileName() + " " + what + ": " + t, t);
            return -1;
        }
    }

    private static Object read(Path f) {
        String n = f.getFileName().toString();
        if (n.endsWith(".npz")) {
            return NpzReader.read(f);
        }
        if (n.endsWith(".flac")) {
            return FlacReader.read(f);
        }
        return n.endsWith(".npy") ? NpyReader.read(f) : WavReader.read(f);
    }
}
