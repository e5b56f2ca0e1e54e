package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models where users have them, offline: a converted model in a Hugging Face hub cache made here (blobs named by their
 * SHA-256, a snapshot of links to them, refs/main), named by its repo id; a published checkpoint's bare name found in
 * torch.hub's cache; diff and inspect of a repo id. Child processes, since the caches are found through the
 * environment.
 */
class HubCacheCommandTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    private Path hubCache() throws Exception {
        Path model = tmp.resolve("converted");
        assertEquals(0, CliRun.of("convert", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--config",
                TestData.path("configs/tiny_24khz.json"), "--out", model).exitCode());
        Path repo = Files.createDirectories(tmp.resolve("hub/models--facebook--encodec_tiny"));
        Path snap = Files.createDirectories(repo.resolve("snapshots").resolve(COMMIT));
        Files.createDirectories(repo.resolve("blobs"));
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) {
                Path blob = Files.copy(f, repo.resolve("blobs").resolve(Hashing.sha256(f)));
                Files.createSymbolicLink(snap.resolve(f.getFileName()), snap.relativize(blob));
            }
        }
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT);
        return tmp.resolve("hub");
    }

    @Test
    void aRepoIdRunsFromTheCacheAndIsNamedByIdAndRevision() throws Exception {
        Path cache = hubCache();
        Path goldens = tmp.resolve("goldens");
        ProcessBuilder rec = ChildCli.of(null, "golden", "record", "--model-dir", "facebook/encodec_tiny", "--out",
                goldens.toString(), "--audio", TestData.path("audio/speech_24000hz_1ch.wav").toString(),
                "--bandwidth", "1.8", "--threads", "1");
        rec.environment().put("HF_HUB_CACHE", cache.toString());
        assertEquals(0, ChildCli.run(rec));
        JsonNode m = Json.MAPPER.readTree(goldens.resolve("manifest.json").toFile());
        assertEquals("transformers folder facebook/encodec_tiny@0123456789ab (main) (config.json)",
                m.get("model").get("source").asText());

        ProcessBuilder missing = ChildCli.of(null, "encode", "--model-dir", "facebook/encodec_48khz", "--audio",
                TestData.path("audio/speech_24000hz_1ch.wav").toString(), "--bandwidth", "1.8", "--out",
                tmp.resolve("x.npz").toString());
        missing.environment().put("HF_HUB_CACHE", cache.toString());
        assertEquals(ExitCode.ERROR, ChildCli.run(missing));
    }

    @Test
    void diffAndInspectTakeARepoIdAtARevision() throws Exception {
        Path cache = hubCache();
        Path printed = tmp.resolve("diff.txt");
        ProcessBuilder diff = ChildCli.of(null, "diff", "facebook/encodec_tiny", tmp.resolve("converted").toString(),
                "--revision-a", "main").redirectOutput(printed.toFile());
        diff.environment().put("HF_HUB_CACHE", cache.toString());
        assertEquals(0, ChildCli.run(diff), Files.readString(printed));
        String text = Files.readString(printed);
        assertTrue(text.contains("A: hub cache snapshot facebook/encodec_tiny@0123456789ab (main)"), text);
        assertTrue(text.contains("the folders' model files are byte for byte the same"), text);

        ProcessBuilder inspect = ChildCli.of(null, "inspect", "facebook/encodec_tiny", "--revision", COMMIT)
                .redirectOutput(printed.toFile());
        inspect.environment().put("HF_HUB_CACHE", cache.toString());
        assertEquals(0, ChildCli.run(inspect), Files.readString(printed));
        text = Files.readString(printed);
        assertTrue(text.startsWith("facebook/encodec_tiny@0123456789ab: transformers model folder (safetensors) in"
                + " the Hugging Face cache"), text);
    }

    @Test
    void aPublishedNameIsFoundInTorchHubsCache() throws Exception {
        Path checkpoints = Files.createDirectories(tmp.resolve("torch/hub/checkpoints"));
        Path tiny = TestData.path("checkpoints/tiny_32khz_audiocraft.th");
        String prefix = Hashing.sha256(tiny).substring(0, 8);
        Files.copy(tiny, checkpoints.resolve("tiny_32khz-" + prefix + ".th"));
        ProcessBuilder convert = ChildCli.of(null, "convert", "--checkpoint", "tiny_32khz-" + prefix + ".th", "--out",
                tmp.resolve("out").toString());
        convert.environment().put("TORCH_HOME", tmp.resolve("torch").toString());
        assertEquals(0, ChildCli.run(convert));
        assertTrue(Files.exists(tmp.resolve("out/model.safetensors")));
    }
}
