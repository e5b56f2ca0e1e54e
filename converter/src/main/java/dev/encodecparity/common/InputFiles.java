package dev.encodecparity.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opening input files, with the project's one way of saying what is wrong. */
public final class InputFiles {
    private InputFiles() {
    }

    /** Opens a file for reading; a missing or unreadable file is bad input that names it. */
    public static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot open: " + e.getMessage());
        }
    }

    /** Closes a channel whose reading already failed; the failure is the error worth reporting. */
    public static void closeAfterFailure(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // the read error is what the user needs to see
        }
    }
}
