package dev.encodecparity.model;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the models people already have are, offline: a Hugging Face repo id ({@code facebook/encodec_24khz}) resolved
 * through the local hub cache ({@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else
 * {@code ~/.cache/huggingface/hub}: {@code models--facebook--encodec_24khz/refs/main} names the commit whose
 * {@code snapshots/<commit>} folder is the model), and a published checkpoint named by its file name alone found in
 * torch.hub's cache ({@code $TORCH_HOME/hub/checkpoints}, else {@code ~/.cache/torch/hub/checkpoints}). The network
 * is never used: what is not in a cache is bad input that says how to get it.
 */
public final class ModelLocations {
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private ModelLocations() {
    }

    /**
     * A model folder as a user named it.
     *
     * @param folder where its files are
     * @param label how outputs name it: the repo id and revision ("facebook/encodec_24khz@0123abcd4567 (main)"),
     *     never the cache's hash folder; the folder's name for a plain folder
     */
    public record Folder(Path folder, String label) {
    }

    /** {@code spec} as a folder: itself when it exists, else a repo id in the hub cache at {@code revision}. */
    public static Folder modelFolder(Path spec, String revision) {
        return modelFolder(spec, revision, System.getenv());
    }

    static Folder modelFolder(Path spec, String revision, Map<String, String> env) {
        String s = spec.toString();
        if (Files.exists(spec) || !REPO_ID.matcher(s).matches()) {
            if (revision != null) {
                throw BadInputException.option("--revision " + revision + " goes with a Hugging Face repo id ("
                        + "facebook/encodec_24khz), not with the folder " + spec);
            }
            return new Folder(spec, spec.getFileName() == null ? s : spec.getFileName().toString());
        }
        Path cache = hubCache(env);
        Path repo = cache.resolve("models--" + s.replace("/", "--"));
        if (!Files.isDirectory(repo)) {
            throw new BadInputException(spec, "no such folder, and not in the Hugging Face cache (" + cache + "):"
                    + " this tool never downloads; run `huggingface-cli download " + s + "` where there is a network,"
                    + " or point HF_HUB_CACHE at the cache that holds it");
        }
        String rev = revision == null ? "main" : revision;
        Path ref = repo.resolve("refs").resolve(rev);
        String commit;
        if (Files.isRegularFile(ref)) {
            commit = read(ref).strip();
        } else if (COMMIT.matcher(rev).matches() || Files.isDirectory(repo.resolve("snapshots").resolve(rev))) {
            commit = rev;
        } else {
            throw new BadInputException(spec, "the Hugging Face cache has no revision '" + rev + "' of " + s
                    + " (refs: " + names(repo.resolve("refs")) + "; snapshots: " + names(repo.resolve("snapshots"))
                    + ")");
        }
        Path folder = repo.resolve("snapshots").resolve(commit);
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(spec, "the Hugging Face cache names commit " + commit + " for '" + rev
                    + "', but has no snapshot of it (" + folder + ")");
        }
        String label = s + "@" + commit.substring(0, Math.min(12, commit.length()))
                + (commit.equals(rev) ? "" : " (" + rev + ")");
        return new Folder(folder, label);
    }

    /** What a path a command takes as any kind of model names. */
    public enum Kind {
        /** A folder on disk (a converted model, say). */
        FOLDER,
        /** A Hugging Face repo id, resolved to its snapshot folder in the hub cache. */
        HUB_CACHE,
        /** A file: an original checkpoint, or one found by its bare published name in torch.hub's cache. */
        FILE
    }

    /**
     * A model as a user named it where any kind is taken (diff, inspect).
     *
     * @param path the file or folder to read
     * @param label how outputs name it (see {@link Folder#label})
     * @param kind what {@code path} is
     */
    public record Located(Path path, String label, Kind kind) {
    }

    /**
     * {@code spec} as whatever it names: a published checkpoint's bare name in torch.hub's cache, a file or folder
     * that exists, or a repo id in the hub cache at {@code revision} (which goes with a repo id only). A path that is
     * none of these is bad input: {@code no such file or folder}.
     */
    public static Located locate(Path spec, String revision) {
        return locate(spec, revision, System.getenv());
    }

    static Located locate(Path spec, String revision, Map<String, String> env) {
        Path cached = checkpoint(spec, env);
        if (revision == null && !cached.equals(spec)) {
            return new Located(cached, spec.toString(), Kind.FILE);
        }
        Folder f = modelFolder(spec, revision, env);
        if (!f.folder().equals(spec)) {
            return new Located(f.folder(), f.label(), Kind.HUB_CACHE);
        }
        if (!Files.exists(spec, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(spec, InputFiles.NO_SUCH_FILE_OR_FOLDER);
        }
        // A link to nothing is left to the file's reader, which says where it points.
        return new Located(spec, f.label(), Files.isDirectory(spec) ? Kind.FOLDER : Kind.FILE);
    }

    /**
     * {@code checkpoint} as a file: itself when it exists or names a folder; a bare file name that is not here is
     * looked for in torch.hub's cache, where the original code downloads its checkpoints.
     */
    public static Path checkpoint(Path checkpoint) {
        return checkpoint(checkpoint, System.getenv());
    }

    static Path checkpoint(Path checkpoint, Map<String, String> env) {
        if (checkpoint == null || Files.exists(checkpoint) || checkpoint.getParent() != null) {
            return checkpoint;
        }
        Path cached = torchHubCheckpoints(env).resolve(checkpoint);
        return Files.isRegularFile(cached) ? cached : checkpoint;
    }

    static Path hubCache(Map<String, String> env) {
        if (set(env, "HF_HUB_CACHE")) {
            return Path.of(env.get("HF_HUB_CACHE"));
        }
        if (set(env, "HF_HOME")) {
            return Path.of(env.get("HF_HOME"), "hub");
        }
        return cacheHome(env).resolve("huggingface").resolve("hub");
    }

    static Path torchHubCheckpoints(Map<String, String> env) {
        Path torchHome = set(env, "TORCH_HOME") ? Path.of(env.get("TORCH_HOME")) : cacheHome(env).resolve("torch");
        return torchHome.resolve("hub").resolve("checkpoints");
    }

    private static Path cacheHome(Map<String, String> env) {
        return set(env, "XDG_CACHE_HOME") ? Path.of(env.get("XDG_CACHE_HOME"))
                : Path.of(System.getProperty("user.home"), ".cache");
    }

    private static boolean set(Map<String, String> env, String name) {
        return env.get(name) != null && !env.get(name).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.size(file) < 4096 ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read: " + e.getMessage());
        }
    }

    private static String names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> n = s.map(p -> p.getFileName().toString()).sorted().toList();
            return n.isEmpty() ? "none" : String.join(", ", n);
        } catch (IOException e) {
            return "none";
        }
    }
}
