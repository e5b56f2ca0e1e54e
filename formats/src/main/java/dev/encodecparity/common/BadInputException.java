package dev.encodecparity.common;

import java.nio.file.Path;
import java.util.List;

/**
 * A problem with what the user gave us: a file that is not what it claims, a wrong option, a model that does not fit.
 *
 * <p>The command line turns it into one line, {@code error: <file>: <reason>}, and exit code 2, without a stack trace.
 * Every reader and checker in the project throws this type (and no other) for bad input, so callers and fuzzers can
  * tell
 * a rejected input from a bug.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;
    private final List<String> details;

    public BadInputException(Path file, String reason) {
        this(file, reason, (Throwable) null);
    }

    public BadInputException(Path file, String reason, Throwable cause) {
        this(file, reason, List.of(), cause);
    }

    /**
     * A problem with a list of particulars (every missing or unused tensor, say): the message stays one line, and
     * the command line prints the details below it, one per line.
     */
    public BadInputException(Path file, String reason, List<String> details) {
        this(file, reason, details, null);
    }

    private BadInputException(Path file, String reason, List<String> details, Throwable cause) {
        super(oneLine(file == null ? reason : file + ": " + reason, MAX_MESSAGE), cause);
        this.file = file;
        this.reason = oneLine(reason, MAX_MESSAGE);
        this.details = details.stream().map(d -> oneLine(d, MAX_MESSAGE)).toList();
    }

    /** Messages quote what they read (names, values); a hostile file must not make them long or multi-line. */
    static final int MAX_MESSAGE = 1000;

    /** {@code s} with control characters escaped (a newline becomes \n) and cut to {@code max} characters. */
    static String oneLine(String s, int max) {
        String text = String.valueOf(s);
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 16);
        int i = 0;
        for (; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append(' ');
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (i < text.length()) {
            b.append("... (cut)");
        }
        return b.toString();
    }

    /** The first line of a parser's message, to quote in a reason ("null" when there is none). */
    public static String firstLine(String message) {
        return String.valueOf(message).split("\\R", 2)[0];
    }

    /** The first line of an exception's message, or its type when it has none. */
    public static String firstLine(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
    }

    /** An error about an option or a combination of options rather than a file. */
    public static BadInputException option(String reason) {
        return new BadInputException(null, reason);
    }

    /** The file the problem is in, or null when it is about options. */
    public Path file() {
        return file;
    }

    /** The particulars, one line each (often empty). */
    public List<String> details() {
        return details;
    }

    /** The message and its details, as the command line prints them. */
    public String fullText() {
        return details.isEmpty() ? getMessage() : getMessage() + "\n  " + String.join("\n  ", details);
    }

    /** The reason without the file name. */
    public String reason() {
        return reason;
    }

    /** The same problem, said of another file (for readers that only see a part of one, such as a zip entry). */
    public BadInputException in(Path outerFile) {
        return new BadInputException(outerFile, reason, details, this);
    }
}
