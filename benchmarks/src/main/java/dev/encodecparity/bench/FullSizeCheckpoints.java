package dev.encodecparity.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the full-size preset checkpoints are: {@code target/fullsize/<preset>/<preset>.th} under the repository root,
 * made by {@code benchmarks/fullsize.sh} (the same files the tests make). Benchmarks run from the repository root.
 */
final class FullSizeCheckpoints {
    private FullSizeCheckpoints() {
    }

    static Path of(String preset) {
        Path p = Path.of("target/fullsize", preset, preset + ".th").toAbsolutePath();
        if (!Files.exists(p)) {
            throw new IllegalStateException(p
                    + " is missing: run benchmarks/fullsize.sh from the repository root first");
        }
        return p;
    }
}
