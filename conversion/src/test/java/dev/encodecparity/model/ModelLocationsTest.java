package dev.encodecparity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hugging Face hub cache laid out as huggingface_hub lays it out (blobs named by their hash, snapshots of symbolic
 * links to them, refs naming commits; two revisions), and torch.hub's checkpoint cache, made here.
 */
class ModelLocationsTest {
    static final String OLD = "1111111111111111111111111111111111111111";
    static final String NEW = "2222222222222222222222222222222222222222";

    @TempDir
    Path tmp;

    private Path cache;

    /** models--facebook--encodec_tiny: main at NEW, tag v1 at OLD, each snapshot a config.json linked to a blob. */
    static Path hubCache(Path root) throws Exception {
        Path repo = Files.createDirectories(root.resolve("models--facebook--encodec_tiny"));
        Files.createDirectories(repo.resolve("blobs"));
        Files.createDirectories(repo.resolve("refs"));
        for (String commit : new String[] {OLD, NEW}) {
            Path blob = Files.writeString(repo.resolve("blobs").resolve("blob" + commit.charAt(0)),
                    "{\"revision\": \"" + commit + "\"}\n");
            Path snap = Files.createDirectories(repo.resolve("snapshots").resolve(commit));
            Files.createSymbolicLink(snap.resolve("config.json"), snap.relativize(blob));
        }
        Files.writeString(repo.resolve("refs/main"), NEW);
        Files.writeString(repo.resolve("refs/v1"), OLD + "\n");
        return root;
    }

    @BeforeEach
    void makeCache() throws Exception {
        cache = hubCache(tmp.resolve("hub"));
    }

    private ModelLocations.Folder resolve(String spec, String revision) {
        return ModelLocations.modelFolder(Path.of(spec), revision, Map.of("HF_HUB_CACHE", cache.toString()));
    }

    @Test
    void aRepoIdIsItsMainSnapshotNamedByIdAndRevision() throws Exception {
        ModelLocations.Folder f = resolve("facebook/encodec_tiny", null);
        Path snap = cache.resolve("models--facebook--encodec_tiny/snapshots/" + NEW);
        assertEquals(snap, f.folder());
        assertEquals("facebook/encodec_tiny@222222222222 (main)", f.label());
        assertTrue(Files.readString(f.folder().resolve("config.json")).contains(NEW), "through the blob link");
    }

    @Test
    void aTagOrACommitPicksTheOtherSnapshot() {
        assertEquals("facebook/encodec_tiny@111111111111 (v1)", resolve("facebook/encodec_tiny", "v1").label());
        ModelLocations.Folder byCommit = resolve("facebook/encodec_tiny", OLD);
        assertEquals("facebook/encodec_tiny@111111111111", byCommit.label());
        assertEquals(cache.resolve("models--facebook--encodec_tiny/snapshots/" + OLD), byCommit.folder());
    }

    @Test
    void whatTheCacheDoesNotHoldIsSaidNotDownloaded() {
        BadInputException none = assertThrows(BadInputException.class, () -> resolve("facebook/encodec_48khz", null));
        assertTrue(none.getMessage().startsWith("facebook/encodec_48khz: no such folder, and not in the Hugging Face"
                + " cache (" + cache + "): this tool never downloads;"), none.getMessage());
        BadInputException rev = assertThrows(BadInputException.class, () -> resolve("facebook/encodec_tiny", "v2"));
        assertEquals("facebook/encodec_tiny: the Hugging Face cache has no revision 'v2' of facebook/encodec_tiny"
                + " (refs: main, v1; snapshots: " + OLD + ", " + NEW + ")", rev.getMessage());
    }

    @Test
    void theCacheIsFoundWhereHuggingfaceHubLooks() {
        Path home = tmp.resolve("hf-home");
        assertEquals(home.resolve("hub"), ModelLocations.hubCache(Map.of("HF_HOME", home.toString())));
        assertEquals(Path.of("/x/huggingface/hub"), ModelLocations.hubCache(Map.of("XDG_CACHE_HOME", "/x")));
        assertEquals(Path.of("/h"), ModelLocations.hubCache(Map.of("HF_HUB_CACHE", "/h", "HF_HOME", "/y")));
    }

    @Test
    void aFolderThatExistsIsItselfAndTakesNoRevision() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("facebook/encodec_tiny"));
        ModelLocations.Folder f = ModelLocations.modelFolder(folder, null, Map.of());
        assertEquals(folder, f.folder());
        assertEquals("encodec_tiny", f.label());
        assertThrows(BadInputException.class, () -> ModelLocations.modelFolder(folder, "v1", Map.of()));
    }

    @Test
    void locateTellsFoldersRepoIdsAndFilesApart() throws Exception {
        Map<String, String> env = Map.of("HF_HUB_CACHE", cache.toString(), "TORCH_HOME",
                tmp.resolve("torch").toString());
        Path hub = Files.createDirectories(tmp.resolve("torch/hub/checkpoints"));
        Path cached = Files.writeString(hub.resolve("encodec_24khz-d7cc33bc.th"), "x");
        Path file = Files.writeString(tmp.resolve("x.th"), "x");
        assertEquals(new ModelLocations.Located(tmp, tmp.getFileName().toString(), ModelLocations.Kind.FOLDER),
                ModelLocations.locate(tmp, null, env));
        assertEquals(new ModelLocations.Located(file, "x.th", ModelLocations.Kind.FILE),
                ModelLocations.locate(file, null, env));
        assertEquals(new ModelLocations.Located(cached, "encodec_24khz-d7cc33bc.th", ModelLocations.Kind.FILE),
                ModelLocations.locate(Path.of("encodec_24khz-d7cc33bc.th"), null, env));
        ModelLocations.Located repo = ModelLocations.locate(Path.of("facebook/encodec_tiny"), "v1", env);
        assertEquals(ModelLocations.Kind.HUB_CACHE, repo.kind());
        assertEquals("facebook/encodec_tiny@111111111111 (v1)", repo.label());
        BadInputException missing = assertThrows(BadInputException.class,
                () -> ModelLocations.locate(tmp.resolve("nothing.th"), null, env));
        assertEquals(tmp.resolve("nothing.th") + ": no such file or folder", missing.getMessage());
        assertThrows(BadInputException.class, () -> ModelLocations.locate(file, "main", env), "a file takes no"
                + " revision");
    }

    @Test
    void aPublishedNameIsFoundInTorchHubsCache() throws Exception {
        Path hub = Files.createDirectories(tmp.resolve("torch/hub/checkpoints"));
        Path cached = Files.writeString(hub.resolve("encodec_24khz-d7cc33bc.th"), "x");
        Map<String, String> env = Map.of("TORCH_HOME", tmp.resolve("torch").toString());
        assertEquals(cached, ModelLocations.checkpoint(Path.of("encodec_24khz-d7cc33bc.th"), env));
        assertEquals(Path.of("other.th"), ModelLocations.checkpoint(Path.of("other.th"), env));
        assertEquals(Path.of("dir/encodec_24khz-d7cc33bc.th"),
                ModelLocations.checkpoint(Path.of("dir/encodec_24khz-d7cc33bc.th"), env), "a path is not searched");
    }
}
