package dev.encodecparity.output;

import java.nio.file.Path;

/**
 * What a command writes, and how a previous output of the same kind is recognised: {@code --force} replaces only
 * that (or an empty folder), never a folder or file this tool did not write. Each kind is defined beside its writer
 * (a converted model folder in {@code convert}, a golden folder in {@code golden}); {@link JsonOutput} holds the
 * kinds every command shares.
 */
public interface OutputKind {
    /** As a message names it: "a converted model folder", "a JSON report". */
    String description();

    /** A folder (written whole into a staging folder), or a file. */
    boolean isFolder();

    /**
     * True when {@code existing} (a regular file or a real folder, never a link) holds exactly what an earlier run of
     * this kind leaves: the same set of files and this tool's mark in them. False for anything else, and when it
     * cannot be read.
     */
    boolean isPreviousOutput(Path existing);

    /**
     * The names in a folder, sorted, without staging entries of runs writing into it: what a recogniser compares with
     * the exact set of files its kind writes.
     */
    static java.util.List<String> entryNames(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !Staging.isStagingName(n)).sorted().toList();
        }
    }

    /** Whether {@code -} (standard output) may be given for it. */
    default boolean allowsStandardOutput() {
        return false;
    }
}
