package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns the I/O failures of reading a user's file into the project's one-line {@link BadInputException}. */
final class ReadErrors {
    private ReadErrors() {
    }

    /** The size of a regular file that can be read, or a {@link BadInputException} saying why not. */
    static long sizeOfReadableFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file, "is a directory, not a file");
        }
        try {
            long size = Files.size(file);
            if (!Files.isReadable(file)) {
                throw new BadInputException(file, "permission denied");
            }
            return size;
        } catch (IOException e) {
            throw of(file, e);
        }
    }

    /** Opens a file for reading, as {@link BadInputException} when it cannot be. */
    static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw of(file, e);
        }
    }

    static BadInputException of(Path file, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "file not found";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else {
            reason = "cannot read: " + oneLine(e);
        }
        return new BadInputException(file, reason, e);
    }

    /** An exception's message on one line, or what its type means when it has none. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e instanceof EOFException ? "unexpected end of data" : e.getClass().getSimpleName();
        }
        return m.replaceAll("\\s+", " ").trim();
    }
}
