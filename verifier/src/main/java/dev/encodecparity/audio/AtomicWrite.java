package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary file in the same folder that is moved into place only when complete, so that a
 * reader (or a user after a crash) sees either the old file, or none, or the whole new one, never a partial one.
 */
final class AtomicWrite {
    /** Writes the content; may throw {@link IOException}. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicWrite() {
    }

    static void write(Path target, Content content) throws IOException {
        if (Files.isDirectory(target)) {
            throw new BadInputException(target, "is a directory; cannot write a file there");
        }
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        // Shortened so that a long target name does not make the temporary one too long for the file system.
        Path temp = createTemp(dir, name.length() > 100 ? name.substring(0, 100) : name);
        boolean moved = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * A new hidden file next to the target. Not {@link Files#createTempFile}: that makes the file private to the
     * owner, and the permissions would carry over to the result; a plain create gets the usual ones.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
            Path temp = dir.resolve("." + name + "." + suffix + ".tmp");
            try {
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }
}
