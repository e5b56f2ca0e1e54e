package dev.encodecparity.output;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One output of a run, checked before any work (see {@link Outputs#destination}) and then written with
 * {@link #publish} or, together with others, {@link Staged#commitInOrder}.
 *
 * <p>How it is written depends on what the path is ({@link Mode}): a new path, an existing file or an existing folder
 * is written under a staging name beside it and renamed into place; a symbolic link is followed, and the path it
 * names is what gets replaced, so the link stays a link; a device, a FIFO, a socket, anything under /dev or /proc
 * (such as /dev/stdout) and a file that is a mount point are written through, their bytes written into them, never
 * renamed over; an empty folder that is a mount point is written into; {@code -} is standard output.
 */
public final class Destination {
    /** How the output reaches its path. */
    enum Mode {
        /** Staged beside the target, renamed into place. */
        RENAME,
        /** The target is an empty folder that cannot be renamed over (a mount point): staged inside, moved in. */
        INSIDE,
        /** Written into the existing target: a device, a FIFO, a socket, a /dev or /proc path, a mounted file. */
        THROUGH,
        /** Standard output ({@code -}). */
        STANDARD_OUTPUT
    }

    /** What was at the target when it was checked. */
    enum Existing { NOTHING, EMPTY, PREVIOUS_OUTPUT, SPECIAL }

    private final Outputs rules;
    private final String option;
    private final Path given;
    private final Path target;
    private final OutputKind kind;
    private final Mode mode;
    private final Existing existing;
    private final PathSnapshot snapshot;

    private Destination(Outputs rules, String option, Path given, Path target, OutputKind kind, Mode mode,
            Existing existing) {
        this.rules = rules;
        this.option = option;
        this.given = given;
        this.target = target;
        this.kind = kind;
        this.mode = mode;
        this.existing = existing;
        this.snapshot = existing == Existing.EMPTY || existing == Existing.PREVIOUS_OUTPUT ? PathSnapshot.of(target)
                : null;
    }

    static Destination check(Outputs rules, String option, Path given, OutputKind kind) {
        if (given.toString().equals("-")) {
            if (!kind.allowsStandardOutput()) {
                throw BadInputException.option(option + " -: standard output cannot take " + kind.description()
                        + "; name a " + (kind.isFolder() ? "folder" : "file"));
            }
            return new Destination(rules, option, given, given, kind, Mode.STANDARD_OUTPUT, Existing.SPECIAL);
        }
        Path abs = given.toAbsolutePath().normalize();
        boolean special = LinkChain.leadsToSystemFiles(given, abs);
        if (special) {
            if (kind.isFolder()) {
                throw new BadInputException(given, "is a device or system path (/dev, /proc); expected a folder");
            }
            if (!Files.exists(abs)) {
                throw new BadInputException(given,
                        InputFiles.NO_SUCH_FILE + " (under /dev or /proc); name a regular file");
            }
            return new Destination(rules, option, given, abs, kind, Mode.THROUGH, Existing.SPECIAL);
        }
        Path target = LinkChain.target(given, abs);
        Conflicts.check(rules.inputs(), given, target);
        Destination d = classify(rules, option, given, target, kind);
        d.checkWritable();
        return d;
    }

    private static Destination classify(Outputs rules, String option, Path given, Path target, OutputKind kind) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return new Destination(rules, option, given, target, kind, Mode.RENAME, Existing.NOTHING);
        }
        boolean folder = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        boolean file = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
        if (kind.isFolder() && !folder) {
            throw new BadInputException(given, "exists and is " + (file ? "a file" : "not a folder")
                    + "; expected a folder");
        }
        if (!kind.isFolder() && folder) {
            throw new BadInputException(given, "is a folder; expected a file name");
        }
        if (!folder && !file) { // a FIFO, a socket or a device outside /dev: written through, nothing to replace
            return new Destination(rules, option, given, target, kind, Mode.THROUGH, Existing.SPECIAL);
        }
        Mode mode = MountPoints.isMountPoint(target) ? (folder ? Mode.INSIDE : Mode.THROUGH) : Mode.RENAME;
        Existing state = Contents.isEmpty(given, target) ? Existing.EMPTY : Existing.PREVIOUS_OUTPUT;
        if (state == Existing.PREVIOUS_OUTPUT) {
            if (!rules.force()) {
                throw new BadInputException(given, (folder ? "folder exists and is not empty ("
                        + Contents.describe(target) + ")" : "file exists") + "; use --force to replace a previous"
                        + " output (" + kind.description() + ")");
            }
            if (!kind.isPreviousOutput(target)) {
                throw new BadInputException(given, "is not " + kind.description() + " (it holds "
                        + (folder ? Contents.describe(target) : Contents.describeFile(target)) + "); --force"
                        + " replaces only a previous output of the same kind, or an empty "
                        + (folder ? "folder" : "file"));
            }
        }
        return new Destination(rules, option, given, target, kind, mode, state);
    }

    /** The folder the staging entry goes into must be writable, and an output to replace must be removable. */
    private void checkWritable() {
        if (mode == Mode.THROUGH) {
            if (!Files.isWritable(target)) {
                throw new BadInputException(given, "cannot be written: permission denied");
            }
            return;
        }
        Path dir = mode == Mode.INSIDE ? target : target.getParent();
        Path ancestor = dir;
        while (ancestor != null && !Files.exists(ancestor, LinkOption.NOFOLLOW_LINKS)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw new BadInputException(given, "parent folder cannot be created: " + ancestor + " is not a folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new BadInputException(given, "cannot be written: folder " + ancestor + " is not writable");
        }
        if (existing == Existing.PREVIOUS_OUTPUT && kind.isFolder()) {
            try (Stream<Path> walk = Files.walk(target)) {
                walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.isWritable(p))
                        .findFirst().ifPresent(p -> {
                            throw new BadInputException(given, "cannot be replaced: its files in " + p
                                    + " cannot be removed (the folder is not writable)");
                        });
            } catch (IOException e) {
                throw new BadInputException(given, "cannot be read: " + e.getMessage());
            }
        }
    }

    /** Writes the output: stages it, then commits it (see {@link Staged}). */
    public void publish(Staged.Writer writer) {
        try (Staged s = stage(writer)) {
            Staged.commitInOrder(s);
        }
    }

    /** Writes the output into its staging entry without publishing it yet. */
    public Staged stage(Staged.Writer writer) {
        return Staged.write(this, writer);
    }

    /** The path as the user gave it. */
    public Path given() {
        return given;
    }

    /** Where the output goes: the given path made absolute, with links followed. */
    public Path target() {
        return target;
    }

    /** Whether the output is written as a stream into an existing path or standard output (no rename). */
    public boolean isWrittenThrough() {
        return mode == Mode.THROUGH || mode == Mode.STANDARD_OUTPUT;
    }

    /** Whether this is standard output ({@code -}). */
    public boolean isStandardOutput() {
        return mode == Mode.STANDARD_OUTPUT;
    }

    String option() {
        return option;
    }

    OutputKind kind() {
        return kind;
    }

    Mode mode() {
        return mode;
    }

    Existing existing() {
        return existing;
    }

    Outputs rules() {
        return rules;
    }

    /** What was at the target when it was checked (null when nothing, or a special file, was there). */
    PathSnapshot snapshot() {
        return snapshot;
    }
}
