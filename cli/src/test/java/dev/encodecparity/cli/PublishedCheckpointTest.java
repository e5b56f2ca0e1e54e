package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.Hashing;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints named as published (torch.hub's {@code name-<hex>.th}): a file whose SHA-256 does not start with the
 * name's hex is refused as torch.hub refuses it, unless {@code --no-check-hash}, which the provenance then records; a
 * recognised published name is named in the provenance.
 */
class PublishedCheckpointTest {
    private static final Path TINY = TestData.path("checkpoints/tiny_24khz.th");
    private static final String CONFIG = TestData.path("configs/tiny_24khz.json").toString();

    @TempDir
    Path tmp;

    private static String note(Path folder, String key) throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            return f.metadata().get(key);
        }
    }

    @Test
    void aRenamedFileIsRefusedUnlessTheUserSaysOtherwise() throws Exception {
        Path renamed = Files.copy(TINY, tmp.resolve("encodec_24khz-d7cc33bc.th"));
        String sha = Hashing.sha256(renamed);
        assertFalse(sha.startsWith("d7cc33bc"));
        for (String command : new String[] {"convert", "verify", "encode"}) {
            CliRun r = switch (command) {
                case "convert" -> CliRun.of("convert", "--checkpoint", renamed, "--config", CONFIG, "--out",
                        tmp.resolve("x"));
                case "verify" -> CliRun.of("verify", "--checkpoint", renamed, "--config", CONFIG);
                default -> CliRun.of("encode", "--checkpoint", renamed, "--config", CONFIG, "--audio",
                        TestData.path("audio/speech_24000hz_1ch.wav"), "--bandwidth", "1.8", "--out",
                        tmp.resolve("x.npz"));
            };
            assertEquals(ExitCode.ERROR, r.exitCode(), command + ": " + r.err());
            assertTrue(r.err().startsWith("error: " + renamed + ": its name says its SHA-256 starts with d7cc33bc,"
                    + " but it is " + sha + " (torch.hub and the original code refuse such a file"), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("x")));

        Path out = tmp.resolve("anyway");
        CliRun anyway = CliRun.of("convert", "--checkpoint", renamed, "--config", CONFIG, "--out", out,
                "--no-check-hash");
        assertEquals(ExitCode.OK, anyway.exitCode(), anyway.err());
        assertEquals("not the published encodec_24khz-d7cc33bc.th: its SHA-256 does not start with d7cc33bc"
                + " (converted with --no-check-hash)", note(out, "encodec_parity.published_checkpoint"));
    }

    @Test
    void aNameWhoseHashFitsGoesOnAndAPublishedPackageIsNamed() throws Exception {
        String sha = Hashing.sha256(TINY);
        Path fitting = Files.copy(TINY, tmp.resolve("tiny-" + sha.substring(0, 8) + ".th"));
        CliRun ok = CliRun.of("convert", "--checkpoint", fitting, "--config", CONFIG, "--out", tmp.resolve("ok"));
        assertEquals(ExitCode.OK, ok.exitCode(), ok.err());
        assertEquals(null, note(tmp.resolve("ok"), "encodec_parity.published_checkpoint"));

        Path musicgen = Files.createDirectories(tmp.resolve("musicgen"));
        Path pkg = Files.copy(TestData.path("checkpoints/tiny_32khz_audiocraft.th"),
                musicgen.resolve("compression_state_dict.bin"));
        CliRun named = CliRun.of("convert", "--checkpoint", pkg, "--out", tmp.resolve("mg"));
        assertEquals(ExitCode.OK, named.exitCode(), named.err());
        String note = note(tmp.resolve("mg"), "encodec_parity.published_checkpoint");
        assertTrue(note.startsWith("named as compression_state_dict.bin (encodec_32khz,"
                + " https://huggingface.co/facebook/musicgen-small"), note);
        assertTrue(note.endsWith("; no published hash to check it against"), note);
    }
}
