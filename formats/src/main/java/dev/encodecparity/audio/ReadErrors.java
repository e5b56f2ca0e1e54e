package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Turns the I/O failures of reading a user's file into the project's one-line {@link BadInputException}. */
final class ReadErrors {
    private ReadErrors() {
    }

    /** The size of a regular file that can be read, or a {@link BadInputException} saying why not. */
    static long sizeOfReadableFile(Path file) {
        try (FileChannel ch = InputFiles.open(file)) { // opened once, so that a file it may not read says so here
            return ch.size();
        } catch (IOException e) {
            throw of(file, e);
        }
    }

    /** Opens a file for reading, as {@link BadInputException} when it cannot be. */
    static InputStream open(Path file) {
        return InputFiles.newInputStream(file, null);
    }

    static BadInputException of(Path file, IOException e) {
        return InputFiles.cannotRead(file, e);
    }

    /** An exception's message on one line, or what its type means when it has none. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e instanceof EOFException ? "unexpected end of data" : "unreadable data";
        }
        return m.replaceAll("\\s+", " ").trim();
    }
}
