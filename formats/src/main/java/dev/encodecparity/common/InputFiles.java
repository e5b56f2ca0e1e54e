package dev.encodecparity.common;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The one way to open a path the user gave: every reader of a checkpoint, config, model folder, audio, codes or
 * golden folder starts here, so each problem reads the same everywhere:
 * {@code empty path}, {@code no such file} / {@code no such folder}, {@code is a folder; <hint>} and the reverse,
 * {@code is a character device, not a regular file} (devices, named pipes and sockets are refused before they are
 * opened: opening a named pipe with no writer would wait forever, and {@code /dev/zero} never ends),
 * {@code cannot be read: permission denied} and {@code cannot be listed: permission denied}, with the system's own
 * reason in plain words for anything else. A file opened here also notices when another process cuts or rewrites it
 * while it is read ({@link #checkUnchanged}).
 */
public final class InputFiles {
    /**
     * The one wording for a path with nothing at it, said by every reader and writer: "no such file", "no such
     * folder", or, where either was expected (an output's staging path), "no such file or folder".
     */
    public static final String NO_SUCH_FILE = "no such file";
    public static final String NO_SUCH_FOLDER = "no such folder";
    public static final String NO_SUCH_FILE_OR_FOLDER = "no such file or folder";

    private InputFiles() {
    }

    /**
     * Checks that {@code file} is a regular file this process may open, before anything opens it.
     *
     * @param ifFolder what to tell a user who gave a folder ("expected a config.json file"), or null
     * @return its size in bytes
     */
    public static long checkFile(Path file, String ifFolder) {
        return regularFile(file, ifFolder).size();
    }

    /** Opens a user's file for reading, after {@link #checkFile}; reads of the channel notice a file cut meanwhile. */
    public static FileChannel open(Path file, String ifFolder) {
        BasicFileAttributes atOpen = regularFile(file, ifFolder);
        try {
            return new InputChannel(file, FileChannel.open(file, StandardOpenOption.READ), atOpen);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /** {@link #open(Path, String)} for a file whose being a folder needs no particular hint. */
    public static FileChannel open(Path file) {
        return open(file, null);
    }

    /** A stream over a user's file, opened as {@link #open(Path, String)} opens it. */
    public static InputStream newInputStream(Path file, String ifFolder) {
        return Channels.newInputStream(open(file, ifFolder));
    }

    /**
     * The whole of a user's small file (a config, a manifest).
     *
     * @param maxBytes larger files are refused before they are read into memory
     */
    public static byte[] readAllBytes(Path file, String ifFolder, int maxBytes) {
        try (InputStream in = newInputStream(file, ifFolder)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new BadInputException(file, "is larger than a file of its kind can be (more than " + maxBytes
                        + " bytes)");
            }
            return bytes;
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /**
     * Checks that {@code dir} is a folder whose entries can be listed.
     *
     * @param ifFile what to tell a user who gave a file ("an original checkpoint is read with --checkpoint"), or null
     */
    public static void checkFolder(Path dir, String ifFile) {
        BasicFileAttributes a = attributes(dir, NO_SUCH_FOLDER);
        if (a.isRegularFile()) {
            throw new BadInputException(dir, "is a file, not a folder" + (ifFile == null ? "" : "; " + ifFile));
        }
        if (!a.isDirectory()) {
            throw new BadInputException(dir, notA(dir, "folder"));
        }
        list(dir).close();
    }

    /** The entries of a folder (close the stream), or why they cannot be listed. */
    public static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot be listed: " + reason(e), e);
        }
    }

    /**
     * Refuses a file that is no longer what {@link #open} opened (another size or modification time, or another file
     * at its path): a reader calls it before it trusts what it read, such as a checksum over the whole file. Channels
     * not opened by {@link #open} pass unchecked.
     */
    public static void checkUnchanged(FileChannel ch) {
        if (ch instanceof InputChannel in) {
            in.checkUnchanged();
        }
    }

    /** A failure to read a user's file, in plain words: {@code <file>: cannot be read: permission denied}. */
    public static BadInputException cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new BadInputException(file, NO_SUCH_FILE, e);
        }
        return new BadInputException(file, "cannot be read: " + reason(e), e);
    }

    /** What the system said went wrong, in plain words and without Java's names. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return NO_SUCH_FILE;
        }
        String text = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (e instanceof FileNotFoundException && text != null && text.endsWith(")") && text.contains(" (")) {
            text = text.substring(text.lastIndexOf(" (") + 2, text.length() - 1); // java.io's "<path> (<reason>)"
        }
        if (text == null || text.isBlank()) {
            return "input/output error";
        }
        text = BadInputException.firstLine(text).strip();
        boolean capitalWord = text.length() > 1 && Character.isUpperCase(text.charAt(0))
                && Character.isLowerCase(text.charAt(1));
        return capitalWord ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
    }

    /** Closes a channel whose reading already failed; the failure is the error worth reporting. */
    public static void closeAfterFailure(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // the read error is what the user needs to see
        }
    }

    private static BasicFileAttributes regularFile(Path file, String ifFolder) {
        BasicFileAttributes a = attributes(file, NO_SUCH_FILE);
        if (a.isDirectory()) {
            throw new BadInputException(file, "is a folder" + (ifFolder == null ? ", not a file" : "; " + ifFolder));
        }
        if (!a.isRegularFile()) {
            throw new BadInputException(file, notA(file, "regular file"));
        }
        return a;
    }

    /** The attributes of what the path leads to (through symbolic links), or why there is nothing to read there. */
    private static BasicFileAttributes attributes(Path path, String missing) {
        if (path.toString().isEmpty()) {
            throw BadInputException.option("empty path");
        }
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(path)) {
                throw new BadInputException(path, missing + " (a symbolic link to " + linkTarget(path)
                        + ", which does not exist)", e);
            }
            throw new BadInputException(path, missing, e);
        } catch (FileSystemException e) {
            if ("Not a directory".equals(e.getReason())) {
                throw new BadInputException(path, missing + " (a part of its path is a file, not a folder)", e);
            }
            throw new BadInputException(path, "cannot be read: " + reason(e), e);
        } catch (IOException e) {
            throw new BadInputException(path, "cannot be read: " + reason(e), e);
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a missing file";
        }
    }

    /** "is a character device, not a regular file", "is a named pipe (FIFO), not a folder", ... */
    private static String notA(Path path, String expected) {
        String kind = kindOf(path);
        return kind == null ? "is not a " + expected + " (a device, a named pipe or a socket)"
                : "is " + kind + ", not a " + expected;
    }

    /** "a character device", "a named pipe (FIFO)", ...: what a path that is neither file nor folder is, or null. */
    private static String kindOf(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            switch (mode & 0170000) {
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0010000:
                    return "a named pipe (FIFO)";
                case 0140000:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | RuntimeException e) {
            // no "unix" attribute view on this system: say what it is not
        }
        return null;
    }
}
