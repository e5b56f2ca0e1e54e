package dev.encodecparity.golden;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which golden folder a path names at one moment: the folder's and its manifest's identities (device and inode),
 * size and time. {@code golden record --force} swaps a folder in one step, so a check that ran meanwhile may have read
 * some files of each; comparing the identity before and after tells that apart from goldens that really differ.
 */
public record FolderIdentity(Object folder, Object manifest, long manifestSize, long manifestModified) {
    /** The identity of the golden folder {@code dir} names now. */
    public static FolderIdentity of(Path dir) {
        try {
            BasicFileAttributes d = Files.readAttributes(dir.toRealPath(), BasicFileAttributes.class);
            BasicFileAttributes m = Files.readAttributes(dir.resolve(GoldenManifest.FILE), BasicFileAttributes.class);
            return new FolderIdentity(d.fileKey(), m.fileKey(), m.size(), m.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return new FolderIdentity(null, null, -1, -1);
        }
    }

    /**
     * Reads from the folder ({@code reader}), then makes sure it is still the folder this identity was taken of: a
     * folder replaced meanwhile is reported as such, also when the reader failed on what it found.
     */
    public <T> T read(Path dir, Function<Path, T> reader) {
        T value;
        try {
            value = reader.apply(dir);
        } catch (BadInputException e) {
            checkUnchanged(dir, e);
            throw e;
        }
        checkUnchanged(dir, null);
        return value;
    }

    private void checkUnchanged(Path dir, RuntimeException cause) {
        if (!Objects.equals(this, of(dir))) {
            throw new BadInputException(dir, "the golden folder was replaced while it was being checked (a golden"
                    + " record --force at the same time?); nothing is concluded about the goldens: check again", cause);
        }
    }
}
