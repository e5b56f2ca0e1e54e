package dev.encodecparity.common;

import java.nio.file.Path;

/**
 * A problem with what the user gave us: a file that is not what it claims, a wrong option, a model that does not fit.
 *
 * <p>The command line turns it into one line, {@code error: <file>: <reason>}, and exit code 2, without a stack trace.
 * Every reader and checker in the project throws this type (and no other) for bad input, so callers and fuzzers can tell
 * a rejected input from a bug.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    public BadInputException(Path file, String reason) {
        this(file, reason, null);
    }

    public BadInputException(Path file, String reason, Throwable cause) {
        super(file == null ? reason : file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** An error about an option or a combination of options rather than a file. */
    public static BadInputException option(String reason) {
        return new BadInputException(null, reason);
    }

    /** The file the problem is in, or null when it is about options. */
    public Path file() {
        return file;
    }

    /** The reason without the file name. */
    public String reason() {
        return reason;
    }

    /** The same problem, said of another file (for readers that only see a part of one, such as a zip entry). */
    public BadInputException in(Path outerFile) {
        return new BadInputException(outerFile, reason, this);
    }
}
