package dev.encodecparity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paths into the repository's testdata/ folder, found through the {@code encodecparity.repo} system property. */
public final class TestData {
    private TestData() {
    }

    public static Path repo() {
        String root = System.getProperty("encodecparity.repo");
        if (root == null) {
            throw new IllegalStateException("system property encodecparity.repo is not set (run the tests through Maven)");
        }
        return Path.of(root);
    }

    public static Path path(String relative) {
        return repo().resolve("testdata").resolve(relative);
    }

    /** A spec key list as rows of tab-separated columns, comment lines dropped. */
    public static List<String[]> tsv(String name) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(path("keys/" + name))) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    rows.add(line.split("\t"));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
