package dev.encodecparity.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Full-size preset checkpoints and their transformers goldens, made at test time by testdata/scripts/make_goldens.py
 * (deterministic from a seed, so nothing large is committed). Made once into {@code <repo>/target/fullsize/<preset>}
 * and reused by every test and module of the same build.
 */
public final class FullSize {
    private FullSize() {
    }

    /** The folder with {@code <preset>.th}, {@code config.json}, {@code clip.wav}, goldens and manifest.json. */
    public static synchronized Path dir(String preset) {
        Path dir = TestData.repo().resolve("target/fullsize/" + preset);
        if (!Files.exists(dir.resolve("manifest.json"))) {
            Python.Result r = Python.script("make_goldens.py", "--full", preset, "--out", dir);
            assertEquals(0, r.exitCode(), r.output());
        }
        return dir;
    }

    public static Path checkpoint(String preset) {
        return dir(preset).resolve(preset + ".th");
    }
}
