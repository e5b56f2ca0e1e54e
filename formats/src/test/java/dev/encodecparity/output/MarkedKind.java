package dev.encodecparity.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Output kinds for tests: a folder whose only file is {@code MARK}, or a file whose text starts with {@code MARK}.
 * What a previous output is, is each kind's own business; these make the rules testable without a model.
 */
final class MarkedKind implements OutputKind {
    static final MarkedKind FOLDER = new MarkedKind(true);
    static final MarkedKind FILE = new MarkedKind(false);

    private final boolean folder;

    private MarkedKind(boolean folder) {
        this.folder = folder;
    }

    @Override
    public String description() {
        return folder ? "a marked test folder" : "a marked test file";
    }

    @Override
    public boolean isFolder() {
        return folder;
    }

    @Override
    public boolean allowsStandardOutput() {
        return !folder;
    }

    @Override
    public boolean isPreviousOutput(Path p) {
        try {
            if (folder) {
                return OutputKind.entryNames(p).equals(List.of("MARK"));
            }
            return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.readString(p).startsWith("MARK");
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a marked output with {@code text} in it, as its writer would. */
    Staged.Writer writer(String text) {
        return staging -> {
            if (folder) {
                Files.createDirectory(staging);
                Files.writeString(staging.resolve("MARK"), text);
            } else {
                Files.writeString(staging, "MARK " + text);
            }
        };
    }
}
