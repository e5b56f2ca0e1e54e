package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect}: a tiny checkpoint (settings unknown without --config, and said why), an audiocraft package, a legacy
 * file, a converted folder with its provenance, a file named like a published checkpoint, and bad input.
 */
class InspectCommandTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");

    @TempDir
    Path tmp;

    @Test
    void aTinyCheckpointIsDescribedAndItsSettingsFoundOrSaidUnknown() {
        CliRun r = CliRun.of("inspect", CKPT);
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("tiny_24khz.th: torch zip checkpoint"), r.out());
        assertTrue(r.out().contains("variant:     unknown"), r.out());
        assertTrue(r.out().contains("settings:    unknown: the tensors match no preset"), r.out());
        assertTrue(r.out().contains("tensors:     156 (float32 156)"), r.out());
        assertTrue(r.out().contains("sha256:      " + Hashing.sha256(CKPT) + "  tiny_24khz.th"), r.out());
        assertTrue(r.out().contains("published:   not a published checkpoint"), r.out());

        CliRun c = CliRun.of("inspect", CKPT, "--config", CONFIG);
        assertEquals(ExitCode.OK, c.exitCode(), c.err());
        assertTrue(c.out().contains("variant:     custom"), c.out());
        assertTrue(c.out().contains("settings:    from config tiny_24khz.json, sha256 "), c.out());
        assertTrue(c.out().contains("      sampling_rate: 24000"), c.out());

        CliRun legacy = CliRun.of("inspect", TestData.path("checkpoints/tiny_48khz_legacy.th"));
        assertEquals(ExitCode.OK, legacy.exitCode(), legacy.err());
        assertTrue(legacy.out().startsWith("tiny_48khz_legacy.th: legacy torch checkpoint"), legacy.out());
    }

    @Test
    void anAudiocraftPackageHasItsSettingsFromItsXpCfg() throws IOException {
        CliRun r = CliRun.of("inspect", TestData.path("checkpoints/tiny_32khz_audiocraft.th"), "--json");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertEquals("inspect", doc.get("kind").asText());
        assertEquals("audiocraft_package", doc.get("format").asText());
        assertEquals("xp.cfg in the checkpoint", doc.get("settings_from").asText());
        assertEquals(32000, doc.get("settings").get("sampling_rate").asInt());
        assertEquals("custom", doc.get("variant").asText());
        assertEquals(116, doc.get("tensors").asInt());
    }

    @Test
    void aConvertedFolderShowsItsProvenance() throws IOException {
        Path hf = tmp.resolve("hf");
        assertEquals(ExitCode.OK, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", hf)
                .exitCode());
        CliRun r = CliRun.of("inspect", hf);
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("hf: transformers model folder (safetensors)"), r.out());
        assertTrue(r.out().contains("settings:    from config.json"), r.out());
        assertTrue(r.out().contains("provenance:  encodec-parity "), r.out());
        assertTrue(r.out().contains("converted tiny_24khz.th (sha256 " + Hashing.sha256(CKPT)), r.out());
        for (String f : new String[] {"config.json", "model.safetensors", "preprocessor_config.json"}) {
            assertTrue(r.out().contains(Hashing.sha256(hf.resolve(f)) + "  " + f), f + ":\n" + r.out());
        }
        JsonNode doc = Json.MAPPER.readTree(CliRun.of("inspect", hf, "--json").out());
        assertEquals("safetensors_folder", doc.get("format").asText());
        assertEquals(Hashing.sha256(CKPT), doc.get("provenance").get("source").get("sha256").asText());
    }

    @Test
    void aFileNamedLikeAPublishedCheckpointIsToldApartFromIt() throws IOException {
        Path named = Files.copy(CKPT, tmp.resolve("encodec_24khz-d7cc33bc.th"));
        CliRun r = CliRun.of("inspect", named, "--json");
        assertEquals(ExitCode.OK, r.exitCode(), r.err()); // inspect says what it is; it does not refuse it
        JsonNode published = Json.MAPPER.readTree(r.out()).get("published");
        assertEquals("hash_differs", published.get("match").asText());
        assertEquals("encodec_24khz", published.get("variant").asText());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        CliRun missing = CliRun.of("inspect", tmp.resolve("nothing.th"));
        assertEquals(ExitCode.ERROR, missing.exitCode());
        assertEquals("error: " + tmp.resolve("nothing.th") + ": no such file or folder", missing.err().strip());
        Path text = Files.writeString(tmp.resolve("notes.th"), "just text");
        CliRun notCkpt = CliRun.of("inspect", text);
        assertEquals(ExitCode.ERROR, notCkpt.exitCode());
        assertTrue(notCkpt.err().startsWith("error: " + text + ": not a torch checkpoint"), notCkpt.err());
        CliRun both = CliRun.of("inspect", CKPT, "--model", "encodec_24khz", "--config", CONFIG);
        assertEquals(ExitCode.ERROR, both.exitCode());
        assertTrue(both.err().contains("give either --model or --config, not both"), both.err());
        assertEquals("error: PATH: empty path", CliRun.of("inspect", "").err().strip());
    }
}
