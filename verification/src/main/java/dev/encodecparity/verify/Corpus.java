package dev.encodecparity.verify;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The clips a run reads, from what a user names: files; folders, walked in a sorted, stable order for the formats the
 * tool reads ({@code .wav}, {@code .flac}, {@code .npy}); glob patterns ({@code corpus/*}{@code /*.wav}); and list
 * files (one path per line, relative to the list's folder; blank lines and {@code #} comments skipped). Each clip has
 * a name that is the same on every machine (a folder's clips are named by their path inside it, a list's by the
 * line), which the report, {@code --only} and {@code --shard} use.
 *
 * @param clips every clip, in the order given (folders and globs sorted within themselves)
 */
public record Corpus(List<Entry> clips) {
    /** Formats a folder or a glob takes clips of; a file named directly may be anything the readers refuse. */
    static final List<String> EXTENSIONS = List.of(".wav", ".flac", ".npy");
    /** A list longer than this is not a list of clips. */
    private static final int MAX_LIST_BYTES = 16 << 20;

    /**
     * One clip.
     *
     * @param path where it is
     * @param name how reports name it: its file name, its path inside the folder given, or the list's line
     */
    public record Entry(Path path, String name) {
    }

    public Corpus {
        clips = List.copyOf(clips);
    }

    public List<Path> paths() {
        return clips.stream().map(Entry::path).toList();
    }

    /**
     * The clips {@code audio} (files, folders, glob patterns) and {@code lists} (list files) name, in that order.
     *
     * @throws BadInputException naming the argument when it names nothing, a folder holds no clip, or two clips have
     *     the same name
     */
    public static Corpus of(List<Path> audio, List<Path> lists) {
        List<Entry> out = new ArrayList<>();
        for (Path a : audio) {
            String s = a.toString();
            if (isGlob(s)) {
                out.addAll(glob(a));
            } else if (Files.isDirectory(a)) {
                out.addAll(folder(a));
            } else {
                out.add(new Entry(a, a.getFileName() == null ? s : a.getFileName().toString()));
            }
        }
        for (Path list : lists) {
            out.addAll(list(list));
        }
        Map<String, Path> seen = new HashMap<>();
        for (Entry e : out) {
            Path before = seen.putIfAbsent(e.name(), e.path());
            if (before != null && !before.equals(e.path())) {
                throw BadInputException.option("two clips are named " + e.name() + " (" + before + " and " + e.path()
                        + "): a report could not tell them apart; give their folder instead, or rename one");
            }
        }
        return new Corpus(out);
    }

    private static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /** A folder's clips, by their path inside it, sorted; links are followed, as a user's corpus has them. */
    private static List<Entry> folder(Path dir) {
        InputFiles.checkFolder(dir, "--audio names clips or folders of clips");
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            s.filter(p -> Files.isRegularFile(p) && readable(p)).sorted().forEach(p -> out.add(new Entry(p,
                    dir.relativize(p).toString())));
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(dir, "cannot be walked: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new BadInputException(dir, "holds no clip (" + String.join(", ", EXTENSIONS) + ")");
        }
        return out;
    }

    /** A glob: the folders before its first wildcard are walked, the rest is matched; named as from that folder. */
    private static List<Entry> glob(Path pattern) {
        Path base = pattern.isAbsolute() ? pattern.getRoot() : Path.of("");
        for (Path part : pattern) {
            if (isGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
        }
        Path root = base.toString().isEmpty() ? Path.of(".") : base;
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Entry> out = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                Path b = base;
                s.filter(p -> Files.isRegularFile(p) && readable(p))
                        .filter(p -> m.matches(b.toString().isEmpty() ? root.relativize(p) : p)).sorted()
                        .forEach(p -> out.add(new Entry(p, root.relativize(p).toString())));
            } catch (IOException | UncheckedIOException e) {
                throw new BadInputException(root, "cannot be walked: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw BadInputException.option("--audio " + pattern + ": the pattern matches no clip ("
                    + String.join(", ", EXTENSIONS) + ")");
        }
        return out;
    }

    private static List<Entry> list(Path list) {
        byte[] bytes = InputFiles.readAllBytes(list, null, MAX_LIST_BYTES);
        Path dir = list.toAbsolutePath().getParent();
        List<Entry> out = new ArrayList<>();
        int n = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.indexOf('\0') >= 0) {
                throw new BadInputException(list, "line " + n + " is not a path");
            }
            Path p = Path.of(l);
            Path resolved = p.isAbsolute() ? p : dir.resolve(p).normalize();
            out.add(new Entry(resolved, l));
        }
        if (out.isEmpty()) {
            throw new BadInputException(list, "lists no clip");
        }
        return out;
    }

    private static boolean readable(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }
}
