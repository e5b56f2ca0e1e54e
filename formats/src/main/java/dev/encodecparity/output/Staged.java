package dev.encodecparity.output;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An output written into its staging entry and not yet published. {@link #commitInOrder} publishes one or several
 * (an encode's sidecar, then its codes) so that either all appear or, on an error, none does; closing an
 * uncommitted one removes its staging entry and any folder this run created for it.
 *
 * <p>Publishing is two steps. First each output is swapped in: a new path is renamed into place without replacing
 * anything that appeared meanwhile; an existing one is exchanged with it in one system call, and what was swapped
 * out is checked again (still empty, or still a previous output of the same kind) and swapped back if not. Then, once
 * all are in, the old contents are deleted; where that is not possible, the old output is swapped back and the run
 * fails, so a forced run never leaves the old output under a staging name while reporting success.
 */
public final class Staged implements AutoCloseable {
    /** Writes an output into a path that does not exist yet (a folder or a file, as its kind says). */
    @FunctionalInterface
    public interface Writer {
        void write(Path staging) throws IOException;
    }

    private enum State { STAGED, SWAPPED_IN, DONE }

    private static final Set<Path> CLEANED = ConcurrentHashMap.newKeySet();

    private final Destination d;
    private final Staging staging;
    private final List<Path> createdFolders;
    private State state = State.STAGED;
    private boolean createdNew;
    private boolean exchanged;
    private Staging aside;
    private final List<Path> movedIn = new ArrayList<>();

    private Staged(Destination d, Staging staging, List<Path> createdFolders) {
        this.d = d;
        this.staging = staging;
        this.createdFolders = createdFolders;
    }

    static Staged write(Destination d, Writer writer) {
        List<Path> created = new ArrayList<>();
        Staging s = null;
        try {
            Path dir = switch (d.mode()) {
                case RENAME -> createFolders(d.target().getParent(), created);
                case INSIDE -> d.target();
                case THROUGH, STANDARD_OUTPUT -> Path.of(System.getProperty("java.io.tmpdir"));
            };
            if (CLEANED.add(dir)) {
                Staging.removeLeftovers(dir, Staging.OUTPUT_PREFIX);
            }
            s = Staging.in(dir, Staging.OUTPUT_PREFIX, d.kind().isFolder() ? "" : extension(d.target()));
            Staged staged = new Staged(d, s, created);
            writer.write(s.path());
            boolean folder = Files.isDirectory(s.path(), LinkOption.NOFOLLOW_LINKS);
            if (folder != d.kind().isFolder() || !Files.exists(s.path(), LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("the writer of " + d.kind().description() + " wrote no "
                        + (d.kind().isFolder() ? "folder" : "file"));
            }
            return staged;
        } catch (IOException e) {
            abandon(s, created);
            throw new BadInputException(d.given(), "cannot be written: " + reason(e), e);
        } catch (RuntimeException | Error e) {
            abandon(s, created);
            throw e;
        }
    }

    /** The staging entry's path (for tests and messages). */
    public Path path() {
        return staging.path();
    }

    /** Publishes outputs in the given order; on any error every one already swapped in is put back. */
    public static void commitInOrder(Staged... outputs) {
        int i = 0;
        try {
            for (; i < outputs.length; i++) {
                outputs[i].swapIn();
            }
        } catch (IOException | RuntimeException e) {
            for (int j = i - 1; j >= 0; j--) {
                outputs[j].rollBack();
            }
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException(outputs[i].d.given(), "cannot be written: " + reason(e), e);
        }
        for (Staged s : outputs) {
            s.discardOld();
        }
    }

    private void swapIn() throws IOException {
        switch (d.mode()) {
            case RENAME -> swapInByRename();
            case INSIDE -> moveInside();
            case THROUGH -> writeThrough();
            case STANDARD_OUTPUT -> {
                OutputStream out = d.rules().standardOutput();
                Files.copy(staging.path(), out);
                out.flush();
            }
        }
        state = State.SWAPPED_IN;
    }

    private void swapInByRename() throws IOException {
        Path t = d.target();
        if (!Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Renames.withoutReplacing(staging.path(), t);
            } catch (FileAlreadyExistsException e) {
                throw appeared();
            }
            createdNew = true;
            return;
        }
        if (d.existing() == Destination.Existing.NOTHING) {
            throw appeared();
        }
        if (Renames.exchange(staging.path(), t)) {
            exchanged = true;
            if (!isReplaceable(staging.path())) { // what was swapped out changed since it was checked
                Renames.exchange(staging.path(), t);
                exchanged = false;
                throw changed();
            }
            return;
        }
        if (!isReplaceable(t)) {
            throw changed();
        }
        if (d.kind().isFolder() && !Contents.isEmpty(d.given(), t)) { // no exchange here: two renames
            aside = Staging.in(t.getParent(), Staging.OUTPUT_PREFIX);
            Renames.over(t, aside.path());
        }
        Renames.over(staging.path(), t);
    }

    /** Whether {@code old} still holds exactly what was checked (and found empty or a previous output) up front. */
    private boolean isReplaceable(Path old) {
        return d.snapshot() != null && d.snapshot().matches(old);
    }

    /** A mount point: the old output's entries move into a folder inside it, then the new ones move in. */
    private void moveInside() throws IOException {
        Path t = d.target();
        if (!isReplaceable(t)) {
            throw changed();
        }
        aside = Staging.in(t, Staging.OUTPUT_PREFIX);
        Files.createDirectory(aside.path());
        for (Path old : Contents.entriesBesidesStaging(t)) {
            Renames.over(old, aside.path().resolve(old.getFileName()));
        }
        try (Stream<Path> s = Files.list(staging.path())) {
            for (Path p : s.toList()) {
                Path dest = t.resolve(p.getFileName());
                Renames.withoutReplacing(p, dest);
                movedIn.add(dest);
            }
        }
    }

    private void writeThrough() throws IOException {
        Path t = d.target();
        List<StandardOpenOption> options = new ArrayList<>(List.of(StandardOpenOption.WRITE));
        if (Files.isRegularFile(t)) {
            // /dev/stdout or /proc/self/fd/N that lead to a file (a shell's "> log"): append, as the descriptor's
            // own writes do; a mounted file of its own: replace its content
            options.add(d.existing() == Destination.Existing.SPECIAL ? StandardOpenOption.APPEND
                    : StandardOpenOption.TRUNCATE_EXISTING);
        }
        try (OutputStream out = Files.newOutputStream(t, options.toArray(StandardOpenOption[]::new))) {
            Files.copy(staging.path(), out);
        }
    }

    private void rollBack() {
        if (state != State.SWAPPED_IN) {
            return;
        }
        try {
            Path t = d.target();
            if (createdNew) {
                Renames.over(t, staging.path());
            } else if (exchanged) {
                Renames.exchange(staging.path(), t);
            } else if (d.mode() == Destination.Mode.INSIDE) {
                for (Path p : movedIn) {
                    Renames.over(p, staging.path().resolve(p.getFileName()));
                }
                try (Stream<Path> s = Files.list(aside.path())) {
                    for (Path p : s.toList()) {
                        Renames.over(p, t.resolve(p.getFileName()));
                    }
                }
            } else if (aside != null) {
                Renames.over(t, staging.path());
                Renames.over(aside.path(), t);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the error that caused the roll-back is what the user is told
        }
        state = State.STAGED;
    }

    /** After every output is in: deletes the old contents, or puts the old output back and fails. */
    private void discardOld() {
        Path old = exchanged ? staging.path() : aside != null ? aside.path() : null;
        String obstacle = old == null ? null : Removal.remove(old);
        if (obstacle != null) {
            if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                rollBack();
                throw new BadInputException(d.given(), "cannot be replaced: the previous output's " + obstacle
                        + "; it was left as it was");
            }
            state = State.DONE;
            throw new BadInputException(d.given(), "was replaced, but the previous output's " + obstacle);
        }
        state = State.DONE;
    }

    @Override
    public void close() {
        if (state == State.SWAPPED_IN) {
            rollBack();
        }
        if (state != State.DONE) {
            abandon(staging, createdFolders);
        } else {
            staging.close();
        }
        if (aside != null) {
            aside.close();
        }
    }

    private static void abandon(Staging s, List<Path> created) {
        if (s != null) {
            s.close();
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i)); // only if still empty: a non-empty folder is not ours alone
            } catch (IOException ignored) {
                // not empty, or gone
            }
        }
    }

    /** ".wav" of "a/b.wav", or "": writers that choose a format by the name see the output's own extension. */
    private static String extension(Path p) {
        Path name = p.getFileName();
        String n = name == null ? "" : name.toString();
        int dot = n.lastIndexOf('.');
        return dot <= 0 || !n.substring(dot).matches("\\.[A-Za-z0-9]{1,8}") ? "" : n.substring(dot);
    }

    /** Creates the missing folders up to {@code dir}, outermost first, recording each so a failure can remove it. */
    private static Path createFolders(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
        return dir;
    }

    private BadInputException appeared() {
        return new BadInputException(d.given(), "appeared while this run was working (another run?); it was left as"
                + " it is and this run's output was not kept");
    }

    private BadInputException changed() {
        return new BadInputException(d.given(), "changed while this run was working (another run?); it was left as"
                + " it is and this run's output was not kept");
    }

    static String reason(Throwable e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return InputFiles.NO_SUCH_FILE_OR_FOLDER;
        }
        String m = e.getMessage();
        return m == null ? "an I/O error" : BadInputException.firstLine(m);
    }
}
